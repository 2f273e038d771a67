list(APPEND LKS_SOURCES
  livekit/access_token.cc
  livekit/claims_json.cc
  livekit/grants.cc
  livekit/token_payload.cc
  livekit/token_verifier.cc)
