# HttpClient on libcurl; the http layer, built with LKS_WITH_ROOM_SERVICE (src/CMakeLists.txt).
list(APPEND LKS_SOURCES
  http/http_client.cc
  http/retrying_http_client.cc)
