curl -X POST "https://sandbox.belvo.com/api/owners/" \
  -u "$BELVO_SECRET_ID:$BELVO_SECRET_PASSWORD" \
  -H "Content-Type: application/json" \
  -d '{
    "link": "30cb4806-6e00-48a4-91c9-ca55968576c8",
    "save_data": true
  }'
