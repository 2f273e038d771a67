# HttpClient on libcurl; built only with LKS_WITH_ROOM_SERVICE (see src/CMakeLists.txt).
list(APPEND LKS_SOURCES
  http/http_client.cc
  http/retrying_http_client.cc)
