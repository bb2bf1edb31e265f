curl -X PATCH "https://sandbox.belvo.com/api/owners/" \
  -u "$BELVO_SECRET_ID:$BELVO_SECRET_PASSWORD" \
  -H "Content-Type: application/json" \
  -d '{
    "session": "2675b703b9d4451f8d4861a3eee54449",
    "link": "30cb4806-6e00-48a4-91c9-ca55968576c8",
    "token": "1234ab",
    "save_data": true
  }'
