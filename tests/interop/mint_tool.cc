// lks_interop_mint: mints tokens with lkstudy's C++ API (lks::AccessToken) for the interop checks
// in tests/interop/node/tokens_interop.mjs.
//
//   stdin   {"key","secret","cases":[{"ttl":seconds,"now":unix_seconds?,"claims":{...}}...]}
//   stdout  [jwt...]
//
// "claims" use the JWT's shape (sub, name, metadata, attributes, video, sip, kind, roomConfig,
// roomPreset, sha256, inference, observability). Each one is mapped onto the C++ API by hand
// (setters and grant structs), not through lkstudy's own claims parser, so that a wrong claim
// name on lkstudy's side shows up as a difference when the SDKs read the token back.
// "now" (optional) mints with a ManualClock at that time, e.g. to make an expired token.
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "lks/livekit/access_token.h"

namespace {

using rapidjson::Value;

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "lks_interop_mint: %s\n", message.c_str());
  std::exit(1);
}

std::string Str(const Value& v, const char* what) {
  if (!v.IsString()) Die(std::string(what) + ": expected a string");
  return std::string(v.GetString(), v.GetStringLength());
}

bool Bool(const Value& v, const char* what) {
  if (!v.IsBool()) Die(std::string(what) + ": expected a boolean");
  return v.GetBool();
}

std::string ToJson(const Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

lks::VideoGrant ToVideoGrant(const Value& o) {
  if (!o.IsObject()) Die("video: expected an object");
  lks::VideoGrant g;
  struct Flag {
    const char* name;
    bool lks::VideoGrant::*field;
  };
  static constexpr Flag kFlags[] = {
      {"roomCreate", &lks::VideoGrant::room_create},
      {"roomList", &lks::VideoGrant::room_list},
      {"roomRecord", &lks::VideoGrant::room_record},
      {"roomAdmin", &lks::VideoGrant::room_admin},
      {"roomJoin", &lks::VideoGrant::room_join},
      {"canUpdateOwnMetadata", &lks::VideoGrant::can_update_own_metadata},
      {"ingressAdmin", &lks::VideoGrant::ingress_admin},
      {"hidden", &lks::VideoGrant::hidden},
      {"recorder", &lks::VideoGrant::recorder},
      {"agent", &lks::VideoGrant::agent},
      {"canSubscribeMetrics", &lks::VideoGrant::can_subscribe_metrics},
      {"canManageAgentSession", &lks::VideoGrant::can_manage_agent_session},
  };
  struct TriState {
    const char* name;
    std::optional<bool> lks::VideoGrant::*field;
  };
  static constexpr TriState kTriStates[] = {
      {"canPublish", &lks::VideoGrant::can_publish},
      {"canSubscribe", &lks::VideoGrant::can_subscribe},
      {"canPublishData", &lks::VideoGrant::can_publish_data},
  };
  for (auto it = o.MemberBegin(); it != o.MemberEnd(); ++it) {
    const std::string_view name(it->name.GetString(), it->name.GetStringLength());
    const Value& v = it->value;
    bool known = false;
    for (const Flag& f : kFlags) {
      if (name == f.name) g.*(f.field) = Bool(v, f.name), known = true;
    }
    for (const TriState& t : kTriStates) {
      if (name == t.name) g.*(t.field) = Bool(v, t.name), known = true;
    }
    if (name == "room") {
      g.room = Str(v, "room"), known = true;
    } else if (name == "destinationRoom") {
      g.destination_room = Str(v, "destinationRoom"), known = true;
    } else if (name == "canPublishSources") {
      if (!v.IsArray()) Die("canPublishSources: expected an array");
      for (const Value& s : v.GetArray())
        g.can_publish_sources.push_back(Str(s, "canPublishSources[]"));
      known = true;
    }
    if (!known) Die("video." + std::string(name) + ": not a VideoGrant field this tool knows");
  }
  return g;
}

std::string Mint(const std::string& key, const std::string& secret, const Value& c) {
  if (!c.IsObject() || !c.HasMember("claims") || !c["claims"].IsObject())
    Die("case: expected {claims:{...}}");
  lks::AccessToken at(key, secret);
  if (c.HasMember("ttl")) {
    if (!c["ttl"].IsInt64()) Die("ttl: expected seconds");
    at.set_ttl(std::chrono::seconds(c["ttl"].GetInt64()));
  }
  const Value& claims = c["claims"];
  for (auto it = claims.MemberBegin(); it != claims.MemberEnd(); ++it) {
    const std::string_view name(it->name.GetString(), it->name.GetStringLength());
    const Value& v = it->value;
    if (name == "sub") {
      at.set_identity(Str(v, "sub"));
    } else if (name == "name") {
      at.set_name(Str(v, "name"));
    } else if (name == "metadata") {
      at.set_metadata(Str(v, "metadata"));
    } else if (name == "attributes") {
      if (!v.IsObject()) Die("attributes: expected an object");
      for (auto a = v.MemberBegin(); a != v.MemberEnd(); ++a) {
        at.set_attribute(Str(a->name, "attributes key"), Str(a->value, "attributes value"));
      }
    } else if (name == "video") {
      at.AddGrant(ToVideoGrant(v));
    } else if (name == "sip") {
      lks::SipGrant s;
      if (v.HasMember("admin")) s.admin = Bool(v["admin"], "sip.admin");
      if (v.HasMember("call")) s.call = Bool(v["call"], "sip.call");
      at.AddSipGrant(s);
    } else if (name == "inference") {
      at.AddInferenceGrant(
          lks::InferenceGrant{v.HasMember("perform") && Bool(v["perform"], "inference.perform")});
    } else if (name == "observability") {
      at.AddObservabilityGrant(
          lks::ObservabilityGrant{v.HasMember("write") && Bool(v["write"], "observability.write")});
    } else if (name == "kind") {
      at.set_kind(Str(v, "kind"));
    } else if (name == "roomConfig") {
      at.set_room_config_json(ToJson(v));
    } else if (name == "roomPreset") {
      at.set_room_preset(Str(v, "roomPreset"));
    } else if (name == "sha256") {
      at.set_sha256(Str(v, "sha256"));
    } else {
      Die("claims." + std::string(name) + ": not a claim this tool knows");
    }
  }
  lks::StatusOr<std::string> jwt = [&] {
    if (c.HasMember("now")) {
      if (!c["now"].IsInt64()) Die("now: expected unix seconds");
      lks::ManualClock clock;
      clock.SetUnixSeconds(c["now"].GetInt64());
      return at.ToJwt(clock);
    }
    return at.ToJwt();
  }();
  if (!jwt.ok()) Die("minting failed: " + jwt.status().message());
  return *std::move(jwt);
}

}  // namespace

int main() {
  const std::string input((std::istreambuf_iterator<char>(std::cin)),
                          std::istreambuf_iterator<char>());
  rapidjson::Document req;
  req.Parse(input.data(), input.size());
  if (req.HasParseError() || !req.IsObject()) Die("stdin: expected a JSON object");
  if (!req.HasMember("cases") || !req["cases"].IsArray()) Die("cases: expected an array");
  if (!req.HasMember("key") || !req.HasMember("secret")) Die("key, secret: required");
  const std::string key = Str(req["key"], "key");
  const std::string secret = Str(req["secret"], "secret");
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> out(buf);
  out.StartArray();
  for (const Value& c : req["cases"].GetArray()) {
    const std::string jwt = Mint(key, secret, c);
    out.String(jwt.data(), static_cast<rapidjson::SizeType>(jwt.size()));
  }
  out.EndArray();
  std::cout << buf.GetString() << "\n";
  return 0;
}
