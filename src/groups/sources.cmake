list(APPEND LKS_SOURCES
  groups/admission.cc
  groups/breakouts.cc
  groups/calendar.cc
  groups/e2ee_keys.cc
  groups/group_settings.cc
  groups/livekit_policy.cc
  groups/reconcile.cc
  groups/recording.cc
  groups/room_metadata.cc
  groups/schedule.cc
  groups/study_group_service.cc
  groups/webhook_ingest.cc)
