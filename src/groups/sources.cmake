list(APPEND LKS_SOURCES
  groups/admission.cc
  groups/livekit_policy.cc
  groups/reconcile.cc
  groups/recording.cc
  groups/study_group_service.cc
  groups/webhook_ingest.cc)
