// Field descriptions: one table per model that names each member once — its JSON name (and
// LiveKit's other spelling where both occur), what it holds, whether it is required, its enum
// names — from which the JSON reader and writer (core/json_fields.h), the webhook scanner and the
// store's row mapping (store/sql/row_mapping.h) are driven. A new field is one line in its
// model's table. Internal header.
//
//   inline constexpr internal::FieldDesc kRoomFields[] = {
//       internal::Field<&Room::sid>("sid"),
//       internal::Field<&Room::empty_timeout>("emptyTimeout", "empty_timeout"),
//       internal::Enum<&TrackInfo::type>("type", {}, kTrackTypeNames),
//       internal::Message<&ParticipantInfo::tracks>("tracks", {}, kTrackInfoModel)};
//
// The kind is deduced from the member's type; enums must be int-sized.
//
// Thread-safety: descriptions are constant data.
#ifndef LKS_SRC_CORE_FIELDS_H_
#define LKS_SRC_CORE_FIELDS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace lks::internal {

// What a member holds, and so how it is read and written.
enum class FieldKind : uint8_t {
  kString,       // std::string
  kBool,         // bool
  kInt32,        // int32_t
  kUint32,       // uint32_t
  kInt64,        // int64_t
  kOptString,    // std::optional<std::string>: JSON null clears it and is written when unset
  kOptBool,      // std::optional<bool>
  kOptInt32,     // std::optional<int32_t>
  kOptInt64,     // std::optional<int64_t>
  kTime,         // int64_t Unix milliseconds; JSON: ISO-8601 UTC text (Unix ms also read)
  kOptTime,      // std::optional<int64_t> likewise
  kEnum,         // an int-sized enum; JSON: its name (or, unless strict, its number)
  kOptEnum,      // std::optional of an enum
  kEnumName,     // std::string holding an enum's name; a number is mapped through the names
  kEnumList,     // std::vector of an enum
  kStringMap,    // std::map<std::string, std::string>
  kStringList,   // std::vector<std::string>
  kMessage,      // a nested model: T, or std::optional<T> (created when present)
  kMessageList,  // std::vector<T> of a nested model
};

// Flags of a field.
inline constexpr uint8_t kRequired = 1;     // reading: absent or null is "<field>: required"
inline constexpr uint8_t kOmitUnset = 2;    // writing: an unset optional is left out, not null
inline constexpr uint8_t kZeroIsNull = 4;   // kTime: 0 means "none" and is written as null
inline constexpr uint8_t kWriteMillis = 8;  // kTime/kOptTime: written as Unix ms, not as text
inline constexpr uint8_t kOmitEmpty = 16;   // writing: 0, false, "" and empty lists are left out

// An enum's names by number; nullptr or "" marks a gap. Lenient tables (LiveKit's protocol)
// take a name or a number and map an unknown name to 0, as protobuf does; a strict table (the
// store's) takes names only and refuses an unknown one with "<field>: <unknown>".
struct EnumNames {
  std::span<const char* const> names;
  const char* unknown = nullptr;  // non-null: strict, and the message for an unknown name

  // The number of `name`, or -1.
  int Find(std::string_view name) const noexcept {
    for (size_t i = 0; i < names.size(); ++i) {
      const char* n = names[i];
      if (n && n[0] != '\0' && name == n) return static_cast<int>(i);
    }
    return -1;
  }
  // The name of `v`, or nullptr when it has none.
  const char* Name(int v) const noexcept {
    if (v < 0 || static_cast<size_t>(v) >= names.size()) return nullptr;
    const char* n = names[static_cast<size_t>(v)];
    return (n && n[0] != '\0') ? n : nullptr;
  }
};

// How a member holds nested values (kMessage, kMessageList, kEnumList): T, std::optional<T> or
// std::vector<T>.
struct Holder {
  void* (*add)(void* member);  // a fresh element (for T: the member itself)
  void (*clear)(void* member);
  size_t (*size)(const void* member);
  const void* (*get)(const void* member, size_t i);
};

struct FieldDesc;

// A model: its fields in JSON (and row) order, and where it keeps its raw JSON if it does.
struct ModelDesc {
  std::span<const FieldDesc> fields;
  std::string* (*raw_json)(void* model) = nullptr;
};

struct FieldDesc {
  std::string_view name;  // camelCase: webhooks, LiveKit's test-server, lkstudy's own JSON
  std::string_view alt;   // snake_case of the real server's protojson, or a SQL column; may be ""
  FieldKind kind;
  uint8_t flags = 0;
  void* (*at)(void* model) = nullptr;  // the member inside a model
  const Holder* holder = nullptr;
  const EnumNames* enums = nullptr;
  const ModelDesc* child = nullptr;

  // The member inside `model` (a pointer to the struct this description belongs to).
  template <typename T = void>
  T* In(void* model) const {
    return static_cast<T*>(at(model));
  }
  template <typename T = void>
  const T* In(const void* model) const {
    return static_cast<const T*>(at(const_cast<void*>(model)));
  }
  std::string_view column() const { return alt.empty() ? name : alt; }
};

// An enum member read or written as its number (enums are int-sized; see Enum()).
inline int GetEnum(const void* p) {
  int v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void SetEnum(void* p, int v) { std::memcpy(p, &v, sizeof v); }

namespace fields_detail {

template <typename T>
struct MemberOf;
template <typename C, typename M>
struct MemberOf<M C::*> {
  using Class = C;
  using Type = M;
};

template <auto M>
void* At(void* p) {
  using C = typename MemberOf<decltype(M)>::Class;
  return &(static_cast<C*>(p)->*M);
}
inline void* Self(void* p) { return p; }

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};

template <typename H>
struct HolderOf {  // H is the element type itself
  static void* Add(void* m) { return m; }
  static void Clear(void*) {}
  static size_t Size(const void*) { return 1; }
  static const void* Get(const void* m, size_t) { return m; }
  static constexpr Holder kHolder{Add, Clear, Size, Get};
};
template <typename T>
struct HolderOf<std::optional<T>> {
  static void* Add(void* m) { return &static_cast<std::optional<T>*>(m)->emplace(); }
  static void Clear(void* m) { static_cast<std::optional<T>*>(m)->reset(); }
  static size_t Size(const void* m) { return static_cast<const std::optional<T>*>(m)->has_value(); }
  static const void* Get(const void* m, size_t) {
    return &**static_cast<const std::optional<T>*>(m);
  }
  static constexpr Holder kHolder{Add, Clear, Size, Get};
};
template <typename T>
struct HolderOf<std::vector<T>> {
  static void* Add(void* m) { return &static_cast<std::vector<T>*>(m)->emplace_back(); }
  static void Clear(void* m) { static_cast<std::vector<T>*>(m)->clear(); }
  static size_t Size(const void* m) { return static_cast<const std::vector<T>*>(m)->size(); }
  static const void* Get(const void* m, size_t i) {
    return &(*static_cast<const std::vector<T>*>(m))[i];
  }
  static constexpr Holder kHolder{Add, Clear, Size, Get};
};

template <typename M>
constexpr FieldKind ScalarKind() {
  if constexpr (std::is_same_v<M, std::string>) {
    return FieldKind::kString;
  } else if constexpr (std::is_same_v<M, bool>) {
    return FieldKind::kBool;
  } else if constexpr (std::is_same_v<M, int32_t>) {
    return FieldKind::kInt32;
  } else if constexpr (std::is_same_v<M, uint32_t>) {
    return FieldKind::kUint32;
  } else if constexpr (std::is_same_v<M, int64_t>) {
    return FieldKind::kInt64;
  } else if constexpr (std::is_same_v<M, std::optional<std::string>>) {
    return FieldKind::kOptString;
  } else if constexpr (std::is_same_v<M, std::optional<bool>>) {
    return FieldKind::kOptBool;
  } else if constexpr (std::is_same_v<M, std::optional<int32_t>>) {
    return FieldKind::kOptInt32;
  } else if constexpr (std::is_same_v<M, std::optional<int64_t>>) {
    return FieldKind::kOptInt64;
  } else if constexpr (std::is_same_v<M, std::map<std::string, std::string>>) {
    return FieldKind::kStringMap;
  } else if constexpr (std::is_same_v<M, std::vector<std::string>>) {
    return FieldKind::kStringList;
  } else {
    static_assert(sizeof(M) == 0, "no field kind for this member type: use Enum/Time/Message");
  }
}

template <typename E>
constexpr void CheckEnum() {
  static_assert((std::is_enum_v<E> || std::is_same_v<E, int>)&&sizeof(E) == sizeof(int),
                "enums must be int-sized (an int member holds an open enum's number)");
}

}  // namespace fields_detail

// A scalar, optional scalar, string map or string list member.
template <auto M>
constexpr FieldDesc Field(std::string_view name, std::string_view alt = {}, uint8_t flags = 0) {
  using T = typename fields_detail::MemberOf<decltype(M)>::Type;
  return FieldDesc{name, alt, fields_detail::ScalarKind<T>(), flags, fields_detail::At<M>};
}

// A time member (int64_t or std::optional<int64_t> Unix milliseconds).
template <auto M>
constexpr FieldDesc Time(std::string_view name, std::string_view alt = {}, uint8_t flags = 0) {
  using T = typename fields_detail::MemberOf<decltype(M)>::Type;
  static_assert(std::is_same_v<T, int64_t> || std::is_same_v<T, std::optional<int64_t>>);
  return FieldDesc{name, alt, std::is_same_v<T, int64_t> ? FieldKind::kTime : FieldKind::kOptTime,
                   flags, fields_detail::At<M>};
}

// An enum member (E, std::optional<E> or std::vector<E>), or a std::string holding the name.
template <auto M>
constexpr FieldDesc Enum(std::string_view name, std::string_view alt, const EnumNames& names,
                         uint8_t flags = 0) {
  using T = typename fields_detail::MemberOf<decltype(M)>::Type;
  FieldDesc f{name, alt, FieldKind::kEnum, flags, fields_detail::At<M>};
  f.enums = &names;
  if constexpr (std::is_same_v<T, std::string>) {
    f.kind = FieldKind::kEnumName;
  } else if constexpr (fields_detail::IsOptional<T>::value) {
    fields_detail::CheckEnum<typename T::value_type>();
    f.kind = FieldKind::kOptEnum;
    f.holder = &fields_detail::HolderOf<T>::kHolder;
  } else if constexpr (fields_detail::IsVector<T>::value) {
    fields_detail::CheckEnum<typename T::value_type>();
    f.kind = FieldKind::kEnumList;
    f.holder = &fields_detail::HolderOf<T>::kHolder;
  } else {
    fields_detail::CheckEnum<T>();
  }
  return f;
}

// A nested model held as T, std::optional<T> or std::vector<T> (a list).
template <auto M>
constexpr FieldDesc Message(std::string_view name, std::string_view alt, const ModelDesc& child,
                            uint8_t flags = 0) {
  using T = typename fields_detail::MemberOf<decltype(M)>::Type;
  FieldDesc f{name, alt,
              fields_detail::IsVector<T>::value ? FieldKind::kMessageList : FieldKind::kMessage,
              flags, fields_detail::At<M>};
  f.holder = &fields_detail::HolderOf<T>::kHolder;
  f.child = &child;
  return f;
}

// A nested JSON object whose fields live in the enclosing struct itself (LiveKit's
// IngressInfo.state, Job.state): `child` describes members of the enclosing struct.
constexpr FieldDesc Flattened(std::string_view name, const ModelDesc& child) {
  FieldDesc f{name, {}, FieldKind::kMessage, 0, fields_detail::Self};
  f.child = &child;
  return f;
}

// ModelDesc::raw_json for a model that keeps its raw JSON in `M`.
template <auto M>
std::string* RawJson(void* model) {
  return static_cast<std::string*>(fields_detail::At<M>(model));
}

}  // namespace lks::internal

#endif  // LKS_SRC_CORE_FIELDS_H_
