list(APPEND LKS_SOURCES
  core/base64.cc
  core/clock.cc
  core/crypto.cc
  core/iso_time.cc
  core/json_fields.cc
  core/json_reader.cc
  core/json_writer.cc
  core/jwt_hs256.cc
  core/status.cc)
