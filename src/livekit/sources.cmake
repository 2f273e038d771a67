list(APPEND LKS_SOURCES
  livekit/access_token.cc
  livekit/claims_json.cc
  livekit/grants.cc
  livekit/egress_models.cc
  livekit/models.cc
  livekit/token_payload.cc
  livekit/token_verifier.cc
  livekit/token_writer.cc)
list(APPEND LKS_SOURCES
  livekit/webhook_event.cc
  livekit/webhook_event_parser.cc
  livekit/webhook_receiver.cc
  livekit/webhook_signer.cc)
