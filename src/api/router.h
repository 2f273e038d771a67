// A small router for the REST handler: "METHOD /path/:param/literal" patterns matched segment by
// segment. Internal header.
#ifndef LKS_SRC_API_ROUTER_H_
#define LKS_SRC_API_ROUTER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lks::internal {

// Path parameters of a match, in pattern order; values are percent-decoded.
class PathParams {
 public:
  void Add(std::string_view name, std::string value) {
    params_.emplace_back(std::string(name), std::move(value));
  }
  // The value of `name`, or empty.
  std::string_view Get(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

template <typename Handler>
class Router {
 public:
  // `pattern` is "GET /api/study-groups/:id".
  void Add(std::string_view pattern, Handler handler) {
    size_t space = pattern.find(' ');
    routes_.push_back(Route{std::string(pattern.substr(0, space)), Split(pattern.substr(space + 1)),
                            std::move(handler)});
  }

  enum class Outcome { kMatched, kNoRoute, kWrongMethod };

  // Finds the route for `method` and `path`; on kMatched sets `*handler` and `*params`. When
  // several patterns match a path, the most literal ones (fewest parameters) win, so
  // "/groups/create" is not taken for "/groups/:id".
  Outcome Match(std::string_view method, std::string_view path, const Handler** handler,
                PathParams* params) const {
    const std::vector<std::string> segments = Split(path);
    std::vector<const Route*> best = BestMatches(segments);
    if (best.empty()) return Outcome::kNoRoute;
    for (const Route* r : best) {
      if (r->method != method) continue;
      PathParams p;
      MatchSegments(r->segments, segments, &p);
      *handler = &r->handler;
      *params = std::move(p);
      return Outcome::kMatched;
    }
    return Outcome::kWrongMethod;
  }

  // The methods allowed on `path` (for a 405's Allow header).
  std::string AllowedMethods(std::string_view path) const {
    std::string out;
    for (const Route* r : BestMatches(Split(path))) {
      if (!out.empty()) out += ", ";
      out += r->method;
    }
    return out;
  }

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };

  static std::vector<std::string> Split(std::string_view path);
  static bool MatchSegments(const std::vector<std::string>& pattern,
                            const std::vector<std::string>& path, PathParams* params);

  // The routes whose pattern matches `segments` with the fewest parameters.
  std::vector<const Route*> BestMatches(const std::vector<std::string>& segments) const {
    std::vector<const Route*> best;
    size_t best_params = SIZE_MAX;
    for (const Route& r : routes_) {
      PathParams p;
      if (!MatchSegments(r.segments, segments, &p)) continue;
      size_t n = 0;
      for (const std::string& seg : r.segments) n += !seg.empty() && seg[0] == ':';
      if (n < best_params) {
        best.clear();
        best_params = n;
      }
      if (n == best_params) best.push_back(&r);
    }
    return best;
  }

  std::vector<Route> routes_;
};

// Percent-decodes `s`; returns false on a malformed escape.
bool PercentDecode(std::string_view s, std::string* out);

std::vector<std::string> SplitPath(std::string_view path);
bool MatchPathSegments(const std::vector<std::string>& pattern,
                       const std::vector<std::string>& path, PathParams* params);

template <typename Handler>
std::vector<std::string> Router<Handler>::Split(std::string_view path) {
  return SplitPath(path);
}
template <typename Handler>
bool Router<Handler>::MatchSegments(const std::vector<std::string>& pattern,
                                    const std::vector<std::string>& path, PathParams* params) {
  return MatchPathSegments(pattern, path, params);
}

}  // namespace lks::internal

#endif  // LKS_SRC_API_ROUTER_H_
