// Reconciliation of attendance against a ListParticipants answer (StudyGroupService::
// ApplyParticipantList, called explicitly: no timers), over a real SQLite store, with the webhook
// deliveries that arrive late, twice or never around it. The property: webhooks and
// reconciliation together count each participant-minute once. Also the per-session attendance
// report (JSON and CSV) of GET /api/study-groups/:id/attendance?session=SID.
#include <gtest/gtest.h>

#include "api/attendance_report.h"
#include "lks/api/rest_handler.h"
#include "lks/core/clock.h"
#include "lks/livekit/room_service_client.h"
#include "lks/store/open_store.h"
#include "rest_test_util.h"

namespace lks::testing {
namespace {

constexpr int64_t kT0 = 1'800'000'000'000;  // ms
constexpr char kSid[] = "RM_reconcile";

class ReconcileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenStudyGroupStore("sqlite::memory:");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::shared_ptr<StudyGroupStore>(std::move(*store));
    StudyGroupServiceOptions so;
    so.clock = &clock_;
    service_ = std::make_shared<StudyGroupService>(store_, nullptr, so);
    handler_ = std::make_unique<RestHandler>(
        service_, std::make_shared<const AppTokenVerifier>(kAppSecret), nullptr);
    Reply r = Call(*handler_, Req("POST", "/api/study-groups/create",
                                  R"({"title":"Reconciled","useLiveKit":true})", AppToken("1")));
    ASSERT_EQ(r.status, 201) << r.body;
    group_ = r.data()["id"].GetInt64();
    room_ = r.data()["livekitRoomName"].GetString();
    Event(WebhookEventType::kRoomStarted, kT0, "");
  }

  // A delivered webhook at `at_ms` (created_at has second precision, as LiveKit's does).
  // `seconds_only`: the participant's join in seconds only (an older server), joined_at_ms 0.
  void Event(WebhookEventType type, int64_t at_ms, const std::string& user, int64_t joined_ms = 0,
             bool seconds_only = false) {
    WebhookEvent e;
    e.type = type;
    e.id = "EV_" + std::to_string(++events_);
    e.created_at = at_ms / 1000;
    e.room = WebhookRoom{};
    e.room->sid = kSid;
    e.room->name = room_;
    e.room->creation_time = kT0 / 1000;
    if (!user.empty()) {
      e.participant = WebhookParticipant{};
      e.participant->identity = "user_" + user;
      e.participant->name = "Name " + user;
      e.participant->joined_at_ms = joined_ms ? joined_ms : at_ms;
      e.participant->joined_at = e.participant->joined_at_ms / 1000;
      if (seconds_only) e.participant->joined_at_ms = 0;
    }
    StatusOr<WebhookOutcome> outcome = service_->IngestWebhook(e);
    ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  }

  static ParticipantInfo Present(const std::string& user, int64_t joined_ms) {
    ParticipantInfo p;
    p.identity = "user_" + user;
    p.name = "Name " + user;
    p.state = ParticipantState::kActive;
    p.joined_at_ms = joined_ms;
    p.joined_at = joined_ms / 1000;
    return p;
  }

  std::vector<Attendance> Rows() { return store_->ListAttendance(kSid).value(); }

  // One reconciliation at `now_ms` with the rows as they are now.
  ReconcileSummary Reconcile(const std::vector<ParticipantInfo>& present, int64_t now_ms) {
    clock_.SetUnixMillis(now_ms);
    StatusOr<ReconcileSummary> r = service_->ApplyParticipantList(kSid, Rows(), present, now_ms);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ReconcileSummary{};
  }

  int64_t UsageMillis() { return store_->GetSessionUsage(kSid).value().participant_millis; }

  ManualClock clock_{kT0};
  std::shared_ptr<StudyGroupStore> store_;
  std::shared_ptr<StudyGroupService> service_;
  std::unique_ptr<RestHandler> handler_;
  int64_t group_ = 0;
  std::string room_;
  int events_ = 0;
};

// participant_joined lost: the reconciliation opens the row at LiveKit's joined_at; the join that
// arrives late after all (before or after the leave) adds nothing.
TEST_F(ReconcileTest, ALostJoinIsOpenedAtItsJoinTimeAndALateOneAddsNothing) {
  const int64_t joined = kT0 + 5'250;
  ReconcileSummary r = Reconcile({Present("2", joined)}, kT0 + 30'000);
  EXPECT_EQ(r.rows_opened, 1);
  EXPECT_EQ(r.rows_closed, 0);
  ASSERT_EQ(Rows().size(), 1u);
  EXPECT_EQ(Rows()[0].joined_at_ms, joined);
  EXPECT_EQ(Rows()[0].source, AttendanceSource::kReconcile);
  Event(WebhookEventType::kParticipantJoined, joined, "2");  // late, while connected
  Event(WebhookEventType::kParticipantLeft, kT0 + 65'250, "2", joined);
  Event(WebhookEventType::kParticipantJoined, joined, "2");  // late again, after the leave
  ASSERT_EQ(Rows().size(), 1u);
  EXPECT_EQ(UsageMillis(), 65'000 - 5'250);  // the leave's created_at is in whole seconds
  // Another pass with nobody present changes nothing more.
  EXPECT_EQ(Reconcile({}, kT0 + 90'000).rows_closed, 0);
  EXPECT_EQ(UsageMillis(), 65'000 - 5'250);
}

// participant_left lost: the participant is gone at the next pass, which closes the row at its
// own time; a late leave afterwards changes nothing (minutes are counted once).
TEST_F(ReconcileTest, ALostLeaveIsClosedByThePassThatFindsItGone) {
  Event(WebhookEventType::kParticipantJoined, kT0 + 1'000, "3");
  EXPECT_EQ(Reconcile({Present("3", kT0 + 1'000)}, kT0 + 30'000).rows_closed, 0);
  ReconcileSummary r = Reconcile({}, kT0 + 60'000);
  EXPECT_EQ(r.rows_closed, 1);
  ASSERT_EQ(Rows().size(), 1u);
  EXPECT_EQ(Rows()[0].left_at_ms, kT0 + 60'000);
  EXPECT_EQ(Rows()[0].source, AttendanceSource::kReconcile);
  Event(WebhookEventType::kParticipantLeft, kT0 + 45'000, "3", kT0 + 1'000);  // late
  EXPECT_EQ(UsageMillis(), 59'000);
  ASSERT_EQ(Rows().size(), 1u);
}

// Both the leave and the rejoin lost: the old row ends at the new join (the latest it can have
// left), the new one starts there; the two never overlap.
TEST_F(ReconcileTest, ALostLeaveAndRejoinSplitAtTheRejoin) {
  Event(WebhookEventType::kParticipantJoined, kT0, "4");
  ReconcileSummary r = Reconcile({Present("4", kT0 + 20'000)}, kT0 + 30'000);
  EXPECT_EQ(r.rows_closed, 1);
  EXPECT_EQ(r.rows_opened, 1);
  std::vector<Attendance> rows = Rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].left_at_ms, kT0 + 20'000);
  EXPECT_EQ(rows[1].joined_at_ms, kT0 + 20'000);
  EXPECT_FALSE(rows[1].left_at_ms);
  // The first connection's leave arrives late: it must not end the second connection.
  Event(WebhookEventType::kParticipantLeft, kT0 + 10'000, "4", kT0);
  EXPECT_FALSE(Rows()[1].left_at_ms);
  // The first connection's join re-delivered: no third row.
  Event(WebhookEventType::kParticipantJoined, kT0, "4");
  EXPECT_EQ(Rows().size(), 2u);
  Event(WebhookEventType::kParticipantLeft, kT0 + 50'000, "4", kT0 + 20'000);
  EXPECT_EQ(UsageMillis(), 50'000);
}

// The rows are those read before the participants were listed: a participant whose join was
// applied after the list was taken is not mistaken for one who left.
TEST_F(ReconcileTest, ARowOpenedAfterTheListWasTakenStaysOpen) {
  std::vector<Attendance> before = Rows();  // read first, then LiveKit is asked
  Event(WebhookEventType::kParticipantJoined, kT0 + 2'000, "5");  // joins meanwhile
  StatusOr<ReconcileSummary> r = service_->ApplyParticipantList(kSid, before, {}, kT0 + 3'000);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows_closed, 0);
  ASSERT_EQ(Rows().size(), 1u);
  EXPECT_FALSE(Rows()[0].left_at_ms);
}

// A join LiveKit reports in seconds only and the same join in milliseconds are one join; JOINING
// and DISCONNECTED participants are not counted; the session's end closes what is open.
TEST_F(ReconcileTest, SecondPrecisionJoinsMatchAndTheSessionEndClosesTheRest) {
  ParticipantInfo seconds_only = Present("6", 0);
  seconds_only.joined_at = (kT0 + 7'800) / 1000;
  ParticipantInfo joining = Present("7", kT0 + 1'000);
  joining.state = ParticipantState::kJoining;
  ParticipantInfo gone = Present("8", kT0 + 1'000);
  gone.state = ParticipantState::kDisconnected;
  EXPECT_EQ(Reconcile({seconds_only, joining, gone}, kT0 + 10'000).rows_opened, 1);
  Event(WebhookEventType::kParticipantJoined, kT0 + 7'800, "6");  // the same join, in ms
  ASSERT_EQ(Rows().size(), 1u);
  Event(WebhookEventType::kRoomFinished, kT0 + 40'000, "");
  ASSERT_EQ(Rows().size(), 1u);
  EXPECT_EQ(Rows()[0].left_at_ms, kT0 + 40'000);
  EXPECT_EQ(UsageMillis(), 40'000 - 7'000);
}

// The same join reported in milliseconds (by ListParticipants) and later in whole seconds (a
// webhook of an older server, delivered late after the row was closed): one join, not two.
TEST_F(ReconcileTest, ALateJoinInSecondsIsTheJoinReconciliationRecordedInMilliseconds) {
  EXPECT_EQ(Reconcile({Present("10", kT0 + 7'800)}, kT0 + 10'000).rows_opened, 1);
  EXPECT_EQ(Reconcile({}, kT0 + 20'000).rows_closed, 1);
  Event(WebhookEventType::kParticipantJoined, kT0 + 7'800, "10", 0, /*seconds_only=*/true);
  ASSERT_EQ(Rows().size(), 1u);
  EXPECT_EQ(UsageMillis(), 20'000 - 7'800);
}

// A participant that left in the second it joined has a row of no length (the leave's time, in
// whole seconds, is before the join); a re-delivered join of it is still the same join.
TEST_F(ReconcileTest, AJoinReDeliveredAfterALeaveInTheSameSecondIsNotRecordedAgain) {
  Event(WebhookEventType::kParticipantJoined, kT0 + 3'600, "11");
  Event(WebhookEventType::kParticipantLeft, kT0 + 3'900, "11", kT0 + 3'600);  // created_at 3 s
  Event(WebhookEventType::kParticipantJoined, kT0 + 3'600, "11");             // re-delivered
  ASSERT_EQ(Rows().size(), 1u);
  EXPECT_TRUE(Rows()[0].left_at_ms);
}

// A JOINING identity (reconnecting) is in the room: its open row stays open. Once it is gone, the
// row closes at the time the list was asked for, and a rejoin after that counts on its own.
TEST_F(ReconcileTest, AReconnectingParticipantKeepsItsRowAndALaterRejoinCounts) {
  Event(WebhookEventType::kParticipantJoined, kT0 + 1'000, "9");
  ParticipantInfo reconnecting = Present("9", kT0 + 1'000);
  reconnecting.state = ParticipantState::kJoining;
  EXPECT_EQ(Reconcile({reconnecting}, kT0 + 20'000).rows_closed, 0);
  ASSERT_EQ(Rows().size(), 1u);
  EXPECT_FALSE(Rows()[0].left_at_ms);
  EXPECT_EQ(Reconcile({}, kT0 + 30'000).rows_closed, 1);
  Event(WebhookEventType::kParticipantJoined, kT0 + 30'500, "9");
  Event(WebhookEventType::kParticipantLeft, kT0 + 40'000, "9", kT0 + 30'500);
  ASSERT_EQ(Rows().size(), 2u);
  EXPECT_EQ(UsageMillis(), 29'000 + 9'500);
}

TEST_F(ReconcileTest, WithoutLiveKitThereIsNothingToReconcileWith) {
  StatusOr<ReconcileSummary> r = service_->ReconcileLiveSessions();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "livekit_not_configured");
}

TEST(ReconcileLiveKitTest, AnUnreachableLiveKitIsAnErrorNotAChange) {
  auto store = OpenStudyGroupStore("sqlite::memory:");
  ASSERT_TRUE(store.ok());
  RoomServiceOptions ro;
  ro.url = "http://127.0.0.1:1";  // nothing listens
  ro.api_key = "k";
  ro.api_secret = "secret-of-some-length-0123456789";
  ro.retry.max_attempts = 1;
  auto rooms = RoomServiceClient::Create(ro);
  ASSERT_TRUE(rooms.ok());
  StudyGroupService service(std::shared_ptr<StudyGroupStore>(std::move(*store)), std::move(*rooms),
                            StudyGroupServiceOptions{});
  StatusOr<ReconcileSummary> r = service.ReconcileLiveSessions();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "livekit_unavailable");
}

// --- The per-session report ---

TEST_F(ReconcileTest, TheSessionReportAddsUpEachAttendee) {
  Event(WebhookEventType::kParticipantJoined, kT0 + 1'000, "2");
  Event(WebhookEventType::kParticipantLeft, kT0 + 31'000, "2");
  Event(WebhookEventType::kParticipantJoined, kT0 + 41'000, "2");
  Event(WebhookEventType::kParticipantLeft, kT0 + 71'000, "2");
  Event(WebhookEventType::kParticipantJoined, kT0 + 2'000, "3");
  const std::string base = "/api/study-groups/" + std::to_string(group_) + "/attendance";
  Reply r = Call(*handler_, Req("GET", base + "?session=" + kSid, "", AppToken("1")));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_STREQ(r.data()["session"]["roomSid"].GetString(), kSid);
  const auto& a = r.data()["attendees"];
  ASSERT_EQ(a.Size(), 2u) << r.body;
  EXPECT_STREQ(a[0]["userId"].GetString(), "2");
  EXPECT_STREQ(a[0]["name"].GetString(), "Name 2");
  EXPECT_EQ(a[0]["joins"].GetInt(), 2);
  EXPECT_DOUBLE_EQ(a[0]["minutes"].GetDouble(), 1.0);
  EXPECT_TRUE(a[0]["firstJoin"].IsString());
  EXPECT_TRUE(a[0]["lastLeave"].IsString());
  EXPECT_STREQ(a[1]["userId"].GetString(), "3");
  EXPECT_TRUE(a[1]["lastLeave"].IsNull()) << "still connected";

  // CSV: a download, a BOM, a header row, CRLF.
  RestResponse csv =
      handler_->Handle(Req("GET", base + "?session=" + kSid + "&format=csv", "", AppToken("1")));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.Header("Content-Disposition"),
            "attachment; filename=\"attendance-" + std::to_string(group_) + "-RM_reconcile.csv\"");
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBFuserId,name,firstJoin,lastLeave,minutes,joins\r\n", 0), 0u)
      << csv.body;
  EXPECT_NE(csv.body.find("\r\n2,Name 2,"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(",1.00,2\r\n"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("\r\n3,Name 3,"), std::string::npos) << csv.body;

  // Without `session`, the recent sessions as before.
  Reply all = Call(*handler_, Req("GET", base, "", AppToken("1")));
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.data()["sessions"].Size(), 1u);
}

TEST_F(ReconcileTest, TheReportsRefusalsNameTheParameter) {
  const std::string base = "/api/study-groups/" + std::to_string(group_) + "/attendance";
  Reply bad =
      Call(*handler_, Req("GET", base + "?session=" + kSid + "&format=xlsx", "", AppToken("1")));
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("format"), std::string::npos) << bad.body;
  Reply unknown = Call(*handler_, Req("GET", base + "?session=RM_nope", "", AppToken("1")));
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_NE(unknown.body.find("session"), std::string::npos) << unknown.body;
  Reply csv_all = Call(*handler_, Req("GET", base + "?format=csv", "", AppToken("1")));
  EXPECT_EQ(csv_all.status, 400) << csv_all.body;
  EXPECT_NE(csv_all.body.find("session"), std::string::npos) << csv_all.body;
  Reply stranger = Call(*handler_, Req("GET", base + "?session=" + kSid, "", AppToken("99")));
  EXPECT_EQ(stranger.status, 403) << stranger.body;
  // Another group's session is unknown to this group.
  Reply other = Call(*handler_, Req("POST", "/api/study-groups/create",
                                    R"({"title":"Other","useLiveKit":true})", AppToken("1")));
  const std::string other_base =
      "/api/study-groups/" + std::to_string(other.data()["id"].GetInt64()) + "/attendance";
  EXPECT_EQ(Call(*handler_, Req("GET", other_base + "?session=" + kSid, "", AppToken("1"))).status,
            404);
}

TEST(AttendanceCsvTest, FieldsAreQuotedAsRfc4180SaysAndFormulasNeutralized) {
  using internal::CsvField;
  EXPECT_EQ(CsvField("plain", true), "plain");
  EXPECT_EQ(CsvField("a,b", true), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\"", true), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines", true), "\"two\nlines\"");
  EXPECT_EQ(CsvField("=HYPERLINK(\"x\")", true), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvField("-1", false), "-1");
  EXPECT_EQ(CsvField("Zoë 日本", true), "Zoë 日本");
}

}  // namespace
}  // namespace lks::testing
