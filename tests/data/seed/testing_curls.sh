curl -X POST http://localhost:3000/api/livekit/token \
  -H "Authorization: Bearer YOUR_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{
    "roomName": "test_room",
    "participantName": "Test User"
  }'

curl -X POST http://localhost:3000/api/livekit/rooms \
  -H "Authorization: Bearer YOUR_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{
    "name": "test_room",
    "maxParticipants": 10
  }'

curl -X POST http://localhost:3000/api/study-groups/create \
  -H "Authorization: Bearer YOUR_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{
    "title": "Test Bible Study",
    "description": "Testing LiveKit integration",
    "videoProvider": "livekit",
    "useLiveKit": true,
    "maxParticipants": 10
  }'
