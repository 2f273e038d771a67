list(APPEND LKS_SOURCES
  api/app_token.cc
  api/rest_types.cc
  api/router.cc)
