list(APPEND LKS_SOURCES
  livekit/access_token.cc
  livekit/claims_json.cc
  livekit/grants.cc
  livekit/models.cc
  livekit/token_verifier.cc)
