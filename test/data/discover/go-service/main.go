package main

import (
	"net/http"
	"os"

	"github.com/gin-gonic/gin"
	openai "github.com/sashabaranov/go-openai"
)

func main() {
	client := openai.NewClient(os.Getenv("OPENAI_API_KEY"))
	r := gin.Default()
	r.POST("/triage", func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"ok": client != nil})
	})
	r.Run()
}
