list(APPEND LKS_SOURCES
  groups/calendar.cc
  groups/livekit_policy.cc
  groups/schedule.cc
  groups/study_group_service.cc
  groups/webhook_ingest.cc)
