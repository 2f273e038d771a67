// WebhookEvent parsing: each of the 14 events, protojson details, the normalized form.
#include "lks/livekit/webhook_event.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace lks {
namespace {

// Realistic bodies (camelCase protojson, defaults omitted, int64 as strings), one per event,
// checked against livekit-server-sdk's WebhookEvent.fromJsonString with unknown fields refused.
// (The folder comes from CMake: __FILE__ is relative when ccache rewrites paths under its
// base_dir, as the shared cache here does.)
std::string ReadBody(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(LKS_TEST_DATA_DIR) / "webhooks";
  std::ifstream in(dir / (name + ".json"), std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

WebhookEvent Parse(std::string_view body) {
  StatusOr<WebhookEvent> ev = ParseWebhookEvent(body);
  EXPECT_TRUE(ev.ok()) << ev.status().ToString();
  return ev.ok() ? *std::move(ev) : WebhookEvent{};
}

TEST(WebhookEventType, NamesRoundTrip) {
  for (int i = 1; i <= 14; ++i) {
    const auto t = static_cast<WebhookEventType>(i);
    const std::string name = WebhookEventTypeName(t);
    EXPECT_FALSE(name.empty());
    EXPECT_EQ(WebhookEventTypeFromName(name), t) << name;
  }
  EXPECT_STREQ(WebhookEventTypeName(WebhookEventType::kUnknown), "");
  EXPECT_EQ(WebhookEventTypeFromName(""), WebhookEventType::kUnknown);
  EXPECT_EQ(WebhookEventTypeFromName("ROOM_STARTED"), WebhookEventType::kUnknown);
  EXPECT_EQ(WebhookEventTypeFromName("room_started "), WebhookEventType::kUnknown);
}

TEST(WebhookEvent, EveryEventFileParsesToItsType) {
  for (int i = 1; i <= 14; ++i) {
    const auto t = static_cast<WebhookEventType>(i);
    const std::string name = WebhookEventTypeName(t);
    const std::string body = ReadBody(name);
    const WebhookEvent ev = Parse(body);
    EXPECT_EQ(ev.type, t) << name;
    EXPECT_EQ(ev.event, name);
    EXPECT_EQ(ev.id, "EV_" + name + "_1");
    EXPECT_GT(ev.created_at, 1732700000 - 1) << name;
    EXPECT_EQ(ev.raw_json, body);
  }
}

TEST(WebhookEvent, RoomStartedAndFinished) {
  WebhookEvent ev = Parse(ReadBody("room_started"));
  ASSERT_TRUE(ev.room);
  EXPECT_EQ(ev.created_at, 1732700000);
  EXPECT_EQ(ev.room->sid, "RM_hycBMAjmt6Ub");
  EXPECT_EQ(ev.room->name, "study_group_1732700000_ab12cd");
  EXPECT_EQ(ev.room->empty_timeout, 300u);
  EXPECT_EQ(ev.room->departure_timeout, 20u);
  EXPECT_EQ(ev.room->max_participants, 12u);
  EXPECT_EQ(ev.room->creation_time, 1732700000);
  EXPECT_EQ(ev.room->creation_time_ms, 1732700000123);
  EXPECT_EQ(ev.room->metadata, R"({"groupId":42})");
  EXPECT_EQ(ev.room->num_participants, 1u);
  EXPECT_EQ(ev.room_end_reason, "ROOM_END_UNKNOWN");

  ev = Parse(ReadBody("room_finished"));
  EXPECT_EQ(ev.type, WebhookEventType::kRoomFinished);
  EXPECT_EQ(ev.room_end_reason, "ROOM_END_API_DELETE");
  EXPECT_EQ(ev.created_at, 1732703600);
}

TEST(WebhookEvent, ParticipantEvents) {
  WebhookEvent ev = Parse(ReadBody("participant_joined"));
  ASSERT_TRUE(ev.room && ev.participant);
  const WebhookParticipant& p = *ev.participant;
  EXPECT_EQ(p.sid, "PA_VnrtzuzvNj2a");
  EXPECT_EQ(p.identity, "user_15");
  EXPECT_EQ(p.name, "John Doe");
  EXPECT_EQ(p.state, "ACTIVE");
  EXPECT_EQ(p.kind, "STANDARD");  // omitted zero value
  EXPECT_EQ(p.metadata, R"({"userId":15,"email":"john@example.com"})");
  EXPECT_EQ(p.attributes.at("role"), "member");
  EXPECT_EQ(p.joined_at, 1732700012);
  EXPECT_EQ(p.joined_at_ms, 1732700012345);
  EXPECT_TRUE(p.is_publisher);
  EXPECT_EQ(p.region, "local");
  EXPECT_EQ(p.disconnect_reason, "UNKNOWN_REASON");

  ev = Parse(ReadBody("participant_left"));
  EXPECT_EQ(ev.type, WebhookEventType::kParticipantLeft);
  EXPECT_EQ(ev.participant->state, "DISCONNECTED");

  ev = Parse(ReadBody("participant_connection_aborted"));
  EXPECT_EQ(ev.type, WebhookEventType::kParticipantConnectionAborted);
  EXPECT_EQ(ev.participant->disconnect_reason, "CONNECTION_TIMEOUT");
  EXPECT_EQ(ev.participant->identity, "user_15");
}

TEST(WebhookEvent, TrackEvents) {
  for (const char* name : {"track_published", "track_unpublished"}) {
    const WebhookEvent ev = Parse(ReadBody(name));
    ASSERT_TRUE(ev.track && ev.participant && ev.room) << name;
    EXPECT_EQ(ev.track->sid, "TR_AMkvG9kWdGWs4v");
    EXPECT_EQ(ev.track->type, "VIDEO");
    EXPECT_EQ(ev.track->name, "camera");
    EXPECT_EQ(ev.track->source, "CAMERA");
    EXPECT_EQ(ev.track->mime_type, "video/VP8");
    EXPECT_EQ(ev.track->mid, "1");
    EXPECT_EQ(ev.track->width, 1280u);
    EXPECT_EQ(ev.track->height, 720u);
    EXPECT_FALSE(ev.track->muted);
  }
}

TEST(WebhookEvent, EgressEvents) {
  WebhookEvent ev = Parse(ReadBody("egress_started"));
  ASSERT_TRUE(ev.egress_info);
  EXPECT_FALSE(ev.room);
  EXPECT_EQ(ev.egress_info->egress_id, "EG_5yZfXw7pWb4h");
  EXPECT_EQ(ev.egress_info->room_id, "RM_hycBMAjmt6Ub");
  EXPECT_EQ(ev.egress_info->room_name, "study_group_1732700000_ab12cd");
  EXPECT_EQ(ev.egress_info->status, "EGRESS_STARTING");
  EXPECT_EQ(ev.egress_info->started_at, 1732700100123456789);

  ev = Parse(ReadBody("egress_updated"));
  EXPECT_EQ(ev.egress_info->status, "EGRESS_ACTIVE");
  EXPECT_EQ(ev.egress_info->updated_at, 1732700101123456789);

  ev = Parse(ReadBody("egress_ended"));
  EXPECT_EQ(ev.egress_info->status, "EGRESS_COMPLETE");
  EXPECT_EQ(ev.egress_info->ended_at, 1732700700123456789);
  ASSERT_EQ(ev.egress_info->file_results.size(), 1u);
  EXPECT_EQ(ev.egress_info->file_results[0].filename, "rec.mp4");

  // The file's location, duration and size (protojson int64 as strings), as the service records.
  ev = Parse(
      R"({"event":"egress_ended","egressInfo":{"egressId":"EG_1","status":"EGRESS_COMPLETE",)"
      R"("fileResults":[{"filename":"a.mp4","startedAt":"1","endedAt":"2","duration":"60000000000",)"
      R"("size":"1024","location":"s3://b/a.mp4"},{"filename":"b.mp4"}]}})");
  ASSERT_EQ(ev.egress_info->file_results.size(), 2u);
  const WebhookFileInfo& f = ev.egress_info->file_results[0];
  EXPECT_EQ(f.location, "s3://b/a.mp4");
  EXPECT_EQ(f.duration, 60000000000);
  EXPECT_EQ(f.size, 1024);
  EXPECT_EQ(f.ended_at, 2);
  EXPECT_EQ(ev.egress_info->file_results[1].filename, "b.mp4");
}

TEST(WebhookEvent, IngressEvents) {
  WebhookEvent ev = Parse(ReadBody("ingress_started"));
  ASSERT_TRUE(ev.ingress_info);
  const WebhookIngressInfo& g = *ev.ingress_info;
  EXPECT_EQ(g.ingress_id, "IN_3bY8Vd6RcXqN");
  EXPECT_EQ(g.name, "lecture feed");
  EXPECT_EQ(g.room_name, "study_group_1732700000_ab12cd");
  EXPECT_EQ(g.participant_identity, "lecturer");
  EXPECT_EQ(g.participant_name, "Lecturer");
  EXPECT_EQ(g.input_type, "RTMP_INPUT");
  EXPECT_EQ(g.status, "ENDPOINT_PUBLISHING");
  EXPECT_EQ(g.room_id, "RM_hycBMAjmt6Ub");
  EXPECT_EQ(g.started_at, 1732700200123456789);

  ev = Parse(ReadBody("ingress_ended"));
  EXPECT_EQ(ev.ingress_info->status, "ENDPOINT_INACTIVE");
  EXPECT_EQ(ev.ingress_info->ended_at, 1732700600123456789);
}

TEST(WebhookEvent, AgentJobEvents) {
  WebhookEvent ev = Parse(ReadBody("agent_job_started"));
  ASSERT_TRUE(ev.job);
  const WebhookJob& j = *ev.job;
  EXPECT_EQ(j.id, "AJ_8XbKm3QpLw2Z");
  EXPECT_EQ(j.dispatch_id, "AD_Qn4Ry7TzVb1c");
  EXPECT_EQ(j.type, "JT_ROOM");
  EXPECT_EQ(j.agent_name, "tutor");
  EXPECT_EQ(j.metadata, R"({"topic":"algebra"})");
  ASSERT_TRUE(j.room);
  EXPECT_EQ(j.room->name, "study_group_1732700000_ab12cd");
  EXPECT_FALSE(j.participant);
  EXPECT_EQ(j.status, "JS_RUNNING");
  EXPECT_EQ(j.started_at, 1732700300123456789);

  ev = Parse(ReadBody("agent_job_ended"));
  EXPECT_EQ(ev.job->status, "JS_SUCCESS");
  EXPECT_EQ(ev.job->ended_at, 1732700999123456789);
}

TEST(WebhookEvent, Int64AsStringOrNumberAndEnumsAsNumbers) {
  const WebhookEvent a =
      Parse(R"({"event":"room_started","createdAt":"1732700000","room":{"creationTime":"17"}})");
  const WebhookEvent b =
      Parse(R"({"event":"room_started","createdAt":1732700000,"room":{"creationTime":17}})");
  EXPECT_EQ(a.created_at, 1732700000);
  EXPECT_EQ(b.created_at, 1732700000);
  EXPECT_EQ(a.room->creation_time, 17);
  EXPECT_EQ(b.room->creation_time, 17);

  const WebhookEvent e =
      Parse(R"({"event":"egress_ended","egressInfo":{"status":3},"track":{"type":1,"source":2},)"
            R"("participant":{"kind":4,"state":99}})");
  EXPECT_EQ(e.egress_info->status, "EGRESS_COMPLETE");
  EXPECT_EQ(e.track->type, "VIDEO");
  EXPECT_EQ(e.track->source, "MICROPHONE");
  EXPECT_EQ(e.participant->kind, "AGENT");
  EXPECT_EQ(e.participant->state, "99");  // a number this version does not know stays visible
}

// Numbers in every JSON form land as RapidJSON's SAX reader delivered them: integers exactly,
// other numbers as doubles (integral ones accepted for integer fields), too big for a double is
// not JSON.
TEST(WebhookEvent, NumbersOfEveryForm) {
  EXPECT_EQ(Parse(R"({"createdAt":1.7327e9})").created_at, 1732700000);
  EXPECT_EQ(Parse(R"({"createdAt":-5})").created_at, -5);
  EXPECT_EQ(Parse(R"({"createdAt":-0})").created_at, 0);
  EXPECT_EQ(Parse(R"({"createdAt":9223372036854775807})").created_at, INT64_MAX);
  EXPECT_EQ(Parse(R"({"createdAt":-9223372036854775808})").created_at, INT64_MIN);
  StatusOr<WebhookEvent> big = ParseWebhookEvent(R"({"createdAt":18446744073709551616})");
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().message(), "createdAt: expected an integer");
  for (std::string_view body :
       {R"({"createdAt":1e400})", R"({"createdAt":01})", R"({"createdAt":1.})",
        R"({"createdAt":-})", R"({"createdAt":.5})", R"({"createdAt":1e})"}) {
    StatusOr<WebhookEvent> ev = ParseWebhookEvent(body);
    ASSERT_FALSE(ev.ok()) << body;
    EXPECT_EQ(ev.status().reason(), "body_not_json") << body;
  }
}

TEST(WebhookEvent, UnknownFieldsAreIgnored) {
  // From LiveKit's node SDK test "should allow server to return extra fields".
  const WebhookEvent ev = Parse(
      R"({"type":"room_started","room":{"sid":"RM_TkVjUvAqgzKz","name":"mytestroom"},"extra":"extra"})");
  EXPECT_EQ(ev.type, WebhookEventType::kUnknown);
  EXPECT_EQ(ev.event, "");
  EXPECT_EQ(ev.room->name, "mytestroom");
  // Unknown nested objects and arrays, and nulls for known fields.
  const WebhookEvent n = Parse(
      R"({"event":"participant_joined","future":{"a":[1,{"b":null}]},"participant":{"identity":"u",)"
      R"("newThing":[{"x":1}],"name":null},"room":null})");
  EXPECT_EQ(n.participant->identity, "u");
  EXPECT_EQ(n.participant->name, "");
  EXPECT_FALSE(n.room);
}

TEST(WebhookEvent, WrongTypesNameTheField) {
  struct Case {
    const char* body;
    const char* message;
  } cases[] = {
      {R"({"event":5})", "event: expected a string"},
      {R"({"createdAt":"soon"})", "createdAt: expected an integer"},
      {R"({"room":"r"})", "room: expected an object"},
      {R"({"room":{"emptyTimeout":-1}})", "room.emptyTimeout: expected an unsigned 32-bit integer"},
      {R"({"participant":{"tracks":{}}})", "participant.tracks: expected an array"},
      {R"({"participant":{"tracks":[{"sid":"a"},7]}})",
       "participant.tracks[1]: expected an object"},
      {R"({"participant":{"tracks":[{"width":"wide"}]}})",
       "participant.tracks[0].width: expected an integer"},
      {R"({"participant":{"attributes":{"a":1}}})", "participant.attributes.a: expected a string"},
      {R"({"job":{"room":{"name":1}}})", "job.room.name: expected a string"},
      {R"({"job":{"state":{"status":true}}})", "job.state.status: expected an enum name or number"},
      {R"({"ingressInfo":{"state":{"startedAt":1.5}}})",
       "ingressInfo.state.startedAt: expected an integer"},
      {R"({"numDropped":"4294967296"})", "numDropped: expected a 32-bit integer"},
  };
  for (const Case& c : cases) {
    StatusOr<WebhookEvent> ev = ParseWebhookEvent(c.body);
    ASSERT_FALSE(ev.ok()) << c.body;
    EXPECT_EQ(ev.status().reason(), "bad_event") << c.body;
    EXPECT_EQ(ev.status().message(), c.message) << c.body;
  }
}

TEST(WebhookEvent, NotJson) {
  for (std::string_view body :
       {"", " ", "{", "null", "[]", "42", "{\"event\":\"room_started\"} x"}) {
    StatusOr<WebhookEvent> ev = ParseWebhookEvent(body);
    ASSERT_FALSE(ev.ok()) << body;
    EXPECT_EQ(ev.status().reason(), "body_not_json") << body;
  }
}

TEST(WebhookEvent, DeepNestingAndNulBytesAreRefusedNotCrashed) {
  // Deep nesting in an unknown member: refused before the parser's recursion can exhaust a stack.
  const std::string deep =
      R"({"event":"room_started","x":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  StatusOr<WebhookEvent> ev = ParseWebhookEvent(deep);
  ASSERT_FALSE(ev.ok());
  EXPECT_EQ(ev.status().reason(), "body_not_json");
  // 100 levels of unknown nesting are fine.
  const std::string ok =
      R"({"event":"room_started","x":)" + std::string(100, '[') + std::string(100, ']') + "}";
  EXPECT_TRUE(ParseWebhookEvent(ok).ok());
  // A NUL after a complete object is trailing garbage, not the end of the text.
  const std::string nul =
      std::string(R"({"event":"room_started"})") + std::string(1, '\0') + "junk";
  ev = ParseWebhookEvent(nul);
  ASSERT_FALSE(ev.ok());
  EXPECT_EQ(ev.status().reason(), "body_not_json");
}

// Members the event does not keep are passed over in one loop, not read: they must be checked
// as strictly as read ones, with the same error (and offset) where they are not JSON.
TEST(WebhookEvent, UnknownContainersAreCheckedAsStrictly) {
  const auto result = [](const std::string& body) {
    StatusOr<WebhookEvent> ev = ParseWebhookEvent(body);
    if (!ev.ok()) return ev.status().message();
    return "ok " + ev->event + " " + (ev->room ? ev->room->name : "-");
  };
  struct Case {
    std::string body;
    std::string expected;
  } cases[] = {
      {R"({"x":[],"event":"e"})", "ok e -"},
      {R"({"x":{},"event":"e"})", "ok e -"},
      {R"({"x":[ ] ,"y":{ },"event":"e"})", "ok e -"},
      {R"({"x":[{"a":[true,false,null,1.5e3,-0,"s\u00e9\n",[[]],{}]},{}],"event":"e"})", "ok e -"},
      {R"({ "x" : [ { "a" : [ true , null ] } , { "b" : { } } ] , "event" : "e" })", "ok e -"},
      {R"({"room":{"x":{"a":[1,{"b":"c"}]},"name":"n","y":[{}]},"event":"e"})", "ok e n"},
      {R"({"x":[1,]})", "webhook body: not valid JSON (error at offset 8)"},
      {R"({"x":[,1]})", "webhook body: not valid JSON (error at offset 6)"},
      {R"({"x":{"a":1,}})", "webhook body: not valid JSON (error at offset 12)"},
      {R"({"x":{"a" 1}})", "webhook body: not valid JSON (error at offset 10)"},
      {R"({"x":{a:1}})", "webhook body: not valid JSON (error at offset 6)"},
      {R"({"x":{"a":1]})", "webhook body: not valid JSON (error at offset 11)"},
      {R"({"x":[1}})", "webhook body: not valid JSON (error at offset 7)"},
      {R"({"x":[1 2]})", "webhook body: not valid JSON (error at offset 8)"},
      {R"({"x":{"a":tru}})", "webhook body: not valid JSON (error at offset 10)"},
      {R"({"x":[1e999]})", "webhook body: not valid JSON (error at offset 11)"},
      {R"({"x":["\x"]})", "webhook body: not valid JSON (error at offset 6)"},
      {R"({"x":{"a\u12":1}})", "webhook body: not valid JSON (error at offset 6)"},
      {R"({"x":[01]})", "webhook body: not valid JSON (error at offset 7)"},
      {R"({"x":{"a":"b")", "webhook body: not valid JSON (error at offset 13)"},
      {R"({"x":[[[)", "webhook body: not valid JSON (error at offset 8)"},
      {R"({"x":{"a":{)", "webhook body: not valid JSON (error at offset 11)"},
      {R"({"x":[] , })", "webhook body: not valid JSON (error at offset 10)"},
  };
  for (const Case& c : cases) EXPECT_EQ(result(c.body), c.expected) << c.body;
  // The nesting bound counts skipped levels as read ones: 128 in all, the body's object included.
  for (int levels : {126, 127, 128}) {
    const std::string arrays =
        R"({"x":)" + std::string(levels, '[') + std::string(levels, ']') + R"(,"event":"e"})";
    const std::string objects = [&] {
      std::string b = R"({"x":)";
      for (int i = 0; i < levels; ++i) b += R"({"a":)";
      b += "1";
      for (int i = 0; i < levels; ++i) b += "}";
      return b + "}";
    }();
    const std::string expected =
        levels < 128 ? "ok e -" : "webhook body: nested deeper than 128 levels";
    EXPECT_EQ(result(arrays), expected) << levels;
    EXPECT_EQ(result(objects), levels < 128 ? "ok  -" : expected) << levels;
  }
}

TEST(WebhookEvent, EscapesAndUnicodeInStrings) {
  const WebhookEvent ev = Parse(
      R"({"event":"participant_joined","participant":{"name":"Zo\u00eb \"Z\" \ud83d\ude00","identity":"\u0000x",)"
      R"("metadata":"{\"a\":\"b\\n\"}","attributes":{"k\u00e9y":"v\/"}}})");
  ASSERT_TRUE(ev.participant);
  EXPECT_EQ(ev.participant->name, "Zo\xc3\xab \"Z\" \xf0\x9f\x98\x80");
  EXPECT_EQ(ev.participant->identity, std::string("\0x", 2));
  EXPECT_EQ(ev.participant->metadata, R"({"a":"b\n"})");
  EXPECT_EQ(ev.participant->attributes.at("k\xc3\xa9y"), "v/");
}

// The body is read where it is (plain strings are views of it, escaped ones unescaped into a
// separate buffer): escapes and multi-byte characters on each side of the scanner's 16- and
// 32-byte reads, in known and unknown fields, nested and at the end of the body, must read as
// they do anywhere else, and the caller's bytes must not change.
TEST(WebhookEvent, EscapesAtEveryPositionOfKnownAndUnknownFields) {
  for (size_t pad = 0; pad <= 40; ++pad) {
    const std::string p(pad, 'x');
    const std::string body = R"({"event":"participant_joined","room":{"name":")" + p +
                             R"(\"r\"","turnPassword":")" + p + R"(\\\/","numParticipants":2},)" +
                             R"("participant":{"identity":")" + p + R"(\u00e9","future":{"a":[")" +
                             p + R"(\"",{"b":")" + p + "\xE2\x82\xAC" + R"("}]},"name":")" + p +
                             R"(","metadata":")" + p + R"(\n"},"id":")" + p + R"(\ud83d\ude00"})";
    const std::string original = body;
    const WebhookEvent ev = Parse(body);
    EXPECT_EQ(body, original);
    ASSERT_TRUE(ev.room && ev.participant) << body;
    EXPECT_EQ(ev.room->name, p + "\"r\"");
    EXPECT_EQ(ev.room->num_participants, 2u);
    EXPECT_EQ(ev.participant->identity, p + "\xC3\xA9");
    EXPECT_EQ(ev.participant->name, p);
    EXPECT_EQ(ev.participant->metadata, p + "\n");
    EXPECT_EQ(ev.id, p + "\xF0\x9F\x98\x80");
    EXPECT_EQ(ev.raw_json, body);
  }
}

TEST(WebhookEvent, BodiesEndingInsideAStringOrObjectAreNotJson) {
  const std::string body = ReadBody("participant_joined");
  // Every cut of a real body: none is a whole object, so each is refused, never read past.
  for (size_t n = 0; n < body.size(); ++n) {
    const std::string cut = body.substr(0, n);
    StatusOr<WebhookEvent> ev = ParseWebhookEvent(cut);
    ASSERT_FALSE(ev.ok()) << cut;
    EXPECT_EQ(ev.status().reason(), "body_not_json") << cut;
  }
}

// Every field of two events, compared (WebhookEvent has no operator==).
void ExpectSameEvent(const WebhookEvent& a, const WebhookEvent& b, const std::string& what) {
  EXPECT_EQ(a.type, b.type) << what;
  EXPECT_EQ(a.event, b.event) << what;
  EXPECT_EQ(a.id, b.id) << what;
  EXPECT_EQ(a.created_at, b.created_at) << what;
  EXPECT_EQ(a.room, b.room) << what;
  EXPECT_EQ(a.participant, b.participant) << what;
  EXPECT_EQ(a.track, b.track) << what;
  EXPECT_EQ(a.egress_info, b.egress_info) << what;
  EXPECT_EQ(a.ingress_info, b.ingress_info) << what;
  EXPECT_EQ(a.job, b.job) << what;
  EXPECT_EQ(a.room_end_reason, b.room_end_reason) << what;
  EXPECT_EQ(a.num_dropped, b.num_dropped) << what;
  EXPECT_EQ(a.raw_json, b.raw_json) << what;
}

// Parsing into a reused event gives what a fresh parse gives, whatever the event held before:
// every pair of the 14 bodies (and odd ones: duplicates, nested optionals, maps, lists, nulls).
TEST(WebhookEvent, ReusedEventEqualsAFreshParse) {
  std::vector<std::string> bodies;
  for (int i = 1; i <= 14; ++i)
    bodies.push_back(ReadBody(WebhookEventTypeName(static_cast<WebhookEventType>(i))));
  bodies.push_back(R"({"event":"x","room":{"name":"a","metadata":"m"},"room":{"sid":"b"}})");
  bodies.push_back(R"({"job":{"room":{"name":"r"},"participant":{"identity":"p"}},)"
                   R"("job":{"id":"2","participant":{"tracks":[{"sid":"t"}]}}})");
  bodies.push_back(R"({"participant":{"attributes":{"a":"1","b":"2"},"tracks":[{},{"mid":"m"}]}})");
  bodies.push_back(R"({"participant":{"attributes":{"a":"3"},"tracks":[]},"room":null})");
  bodies.push_back("{}");
  // Only the fields an object has are written, the others reset at its end: a null after a value
  // keeps the value, duplicate maps add up, a flattened state that is absent resets its fields.
  bodies.push_back(R"({"room":{"name":"a","name":null,"metadata":null},"room":{"sid":"s"}})");
  bodies.push_back(
      R"({"participant":{"attributes":{"a":"1"},"attributes":{"b":"2"},"kind":null}})");
  bodies.push_back(R"({"ingressInfo":{"state":{"status":"ENDPOINT_ERROR","error":"e"}},)"
                   R"("job":{"state":{"status":"JS_RUNNING"},"room":{"name":"j"}}})");
  bodies.push_back(R"({"ingressInfo":{"name":"i"},"job":{"state":null,"participant":{}}})");
  bodies.push_back(R"({"ingressInfo":{"state":{"status":"ENDPOINT_ERROR","error":"e"},)"
                   R"("state":{"status":"ENDPOINT_COMPLETE"}}})");
  for (const std::string& before : bodies) {
    for (const std::string& body : bodies) {
      WebhookEvent reused;
      ASSERT_TRUE(ParseWebhookEvent(before, &reused).ok()) << before;
      ASSERT_TRUE(ParseWebhookEvent(body, &reused).ok()) << body;
      ExpectSameEvent(reused, Parse(body), before + " then " + body);
    }
  }
  // A failed parse leaves a usable event; the next parse into it is again exact.
  WebhookEvent reused;
  ASSERT_TRUE(ParseWebhookEvent(bodies[2], &reused).ok());
  Status s = ParseWebhookEvent(R"({"room":{"emptyTimeout":-1}})", &reused);
  EXPECT_EQ(s.reason(), "bad_event");
  EXPECT_EQ(s.message(), "room.emptyTimeout: expected an unsigned 32-bit integer");
  EXPECT_EQ(ParseWebhookEvent("[1]", &reused).reason(), "body_not_json");
  ASSERT_TRUE(ParseWebhookEvent(bodies[0], &reused).ok());
  ExpectSameEvent(reused, Parse(bodies[0]), "after errors");
  // What those odd bodies read as.
  const WebhookEvent twice = Parse(bodies.back());  // a message met twice: the second, whole
  EXPECT_EQ(twice.ingress_info->status, "ENDPOINT_COMPLETE");
  EXPECT_EQ(twice.ingress_info->error, "");
  bodies.pop_back();
  const WebhookEvent dup = Parse(bodies[bodies.size() - 4]);
  EXPECT_EQ(dup.room->sid, "s");
  EXPECT_EQ(dup.room->name, "");  // the second room replaces the first
  const WebhookEvent maps = Parse(bodies[bodies.size() - 3]);
  EXPECT_EQ(maps.participant->attributes.size(), 2u);
  EXPECT_EQ(maps.participant->kind, "STANDARD");
  const WebhookEvent kept = Parse(R"({"room":{"name":"a","name":null}})");
  EXPECT_EQ(kept.room->name, "a");
  const WebhookEvent state = Parse(bodies[bodies.size() - 2]);
  EXPECT_EQ(state.ingress_info->status, "ENDPOINT_ERROR");
  EXPECT_EQ(state.job->status, "JS_RUNNING");
  const WebhookEvent no_state = Parse(bodies[bodies.size() - 1]);
  EXPECT_EQ(no_state.ingress_info->status, "ENDPOINT_INACTIVE");
  EXPECT_EQ(no_state.job->status, "JS_PENDING");
}

TEST(WebhookEvent, NormalizedJsonParsesBackToTheSameFields) {
  for (int i = 1; i <= 14; ++i) {
    const std::string name = WebhookEventTypeName(static_cast<WebhookEventType>(i));
    const WebhookEvent ev = Parse(ReadBody(name));
    const std::string normalized = WebhookEventToNormalizedJson(ev);
    const WebhookEvent again = Parse(normalized);
    EXPECT_EQ(again.type, ev.type);
    EXPECT_EQ(again.id, ev.id);
    EXPECT_EQ(again.created_at, ev.created_at);
    EXPECT_EQ(again.room, ev.room) << name;
    EXPECT_EQ(again.participant, ev.participant) << name;
    EXPECT_EQ(again.track, ev.track) << name;
    EXPECT_EQ(again.egress_info, ev.egress_info) << name;
    EXPECT_EQ(again.ingress_info, ev.ingress_info) << name;
    EXPECT_EQ(again.job, ev.job) << name;
    EXPECT_EQ(again.room_end_reason, ev.room_end_reason);
  }
  const WebhookEvent ev = Parse(R"({"event":"room_started","createdAt":"7","room":{"name":"r"}})");
  EXPECT_EQ(
      WebhookEventToNormalizedJson(ev),
      R"({"event":"room_started","id":"","createdAt":"7","room":{"sid":"","name":"r","emptyTimeout":0,)"
      R"("departureTimeout":0,"maxParticipants":0,"creationTime":"0","creationTimeMs":"0","metadata":"",)"
      R"("numParticipants":0,"numPublishers":0,"activeRecording":false},)"
      R"("roomEndReason":"ROOM_END_UNKNOWN","numDropped":0})");
}

}  // namespace
}  // namespace lks
