list(APPEND LKS_SOURCES
  api/app_token.cc
  api/rest_types.cc
  api/router.cc)
# The REST handler sits on the study-group service (LKS_WITH_SERVICE).
if(LKS_WITH_SERVICE)
  list(APPEND LKS_SOURCES
    api/attendance_report.cc
    api/rest_handler.cc
    api/rest_json.cc
    api/study_group_api.cc)
endif()
