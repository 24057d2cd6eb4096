module github.com/acme/triage

go 1.22

require (
	github.com/gin-gonic/gin v1.10.0
	github.com/sashabaranov/go-openai v1.29.0
)

require github.com/bytedance/sonic v1.11.6 // indirect
