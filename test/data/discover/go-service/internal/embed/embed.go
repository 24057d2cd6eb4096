package embed

import "net/http"

// Endpoint is called directly for embeddings (the SDK lags behind the API).
const Endpoint = "https://api.openai.com/v1/embeddings"

func Post() (*http.Response, error) { return http.Post(Endpoint, "application/json", nil) }
