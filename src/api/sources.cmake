list(APPEND LKS_SOURCES
  api/app_token.cc
  api/http_types.cc
  api/router.cc)
