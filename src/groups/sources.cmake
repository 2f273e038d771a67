list(APPEND LKS_SOURCES
  groups/livekit_policy.cc
  groups/recording.cc
  groups/study_group_service.cc
  groups/webhook_ingest.cc)
