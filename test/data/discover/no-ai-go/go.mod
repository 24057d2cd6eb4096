module github.com/acme/gateway

go 1.22

require github.com/getkin/kin-openapi v0.127.0
