// lks_interop_go: LiveKit's Go token code (github.com/livekit/protocol/auth) as a test peer for
// lkstudy. Driven by tests/interop/node/tokens_interop.mjs through JSON on stdin and stdout.
//
//	lks_interop_go verify   stdin {"key","secret","tokens":[jwt...]}
//	                        stdout [{"ok":true,"claims":{...}} | {"ok":false,"error":"..."}]
//	lks_interop_go mint     stdin {"key","secret","cases":[{"ttl":seconds,"claims":{...}}...]}
//	                        stdout [jwt...]
//
// "claims" use the JWT's own shape (iss, sub, nbf, exp, name, metadata, attributes, video, sip,
// kind, roomConfig, roomPreset, sha256, inference, observability). For verify they are what Go's
// verifier hands back (auth.ClaimGrants re-encoded by Go, roomConfig through protojson), so a
// claim Go does not understand is missing and a misnamed one shows up as a difference.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/livekit/protocol/auth"
	"github.com/livekit/protocol/livekit"
	"github.com/livekit/protocol/utils/protojson"
)

type verifyRequest struct {
	Key    string   `json:"key"`
	Secret string   `json:"secret"`
	Tokens []string `json:"tokens"`
}

type verifyResult struct {
	OK     bool           `json:"ok"`
	Claims map[string]any `json:"claims,omitempty"`
	Error  string         `json:"error,omitempty"`
}

type mintCase struct {
	TTL    int64                      `json:"ttl"`
	Claims map[string]json.RawMessage `json:"claims"`
}

type mintRequest struct {
	Key    string     `json:"key"`
	Secret string     `json:"secret"`
	Cases  []mintCase `json:"cases"`
}

func verifyOne(key, secret, raw string) verifyResult {
	v, err := auth.ParseAPIToken(raw)
	if err != nil {
		return verifyResult{Error: "parse: " + err.Error()}
	}
	if v.APIKey() != key {
		return verifyResult{Error: "unknown api key " + v.APIKey()}
	}
	reg, grants, err := v.Verify(secret)
	if err != nil {
		return verifyResult{Error: "verify: " + err.Error()}
	}
	// Go's own view of the grants, re-encoded with Go's JSON tags.
	b, err := json.Marshal(grants)
	if err != nil {
		return verifyResult{Error: "marshal grants: " + err.Error()}
	}
	claims := map[string]any{}
	if err := json.Unmarshal(b, &claims); err != nil {
		return verifyResult{Error: "unmarshal grants: " + err.Error()}
	}
	delete(claims, "identity")
	if grants.Identity != "" {
		claims["sub"] = grants.Identity
	}
	claims["iss"] = reg.Issuer
	if reg.NotBefore != nil {
		claims["nbf"] = reg.NotBefore.Unix()
	}
	if reg.ExpiresAt != nil {
		claims["exp"] = reg.ExpiresAt.Unix()
	}
	return verifyResult{OK: true, Claims: claims}
}

func field[T any](c map[string]json.RawMessage, name string, out *T) (bool, error) {
	raw, ok := c[name]
	if !ok {
		return false, nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return false, fmt.Errorf("claim %s: %w", name, err)
	}
	return true, nil
}

func mintOne(key, secret string, mc mintCase) (string, error) {
	c := mc.Claims
	at := auth.NewAccessToken(key, secret)
	if mc.TTL > 0 {
		at.SetValidFor(time.Duration(mc.TTL) * time.Second)
	}
	var s string
	if ok, err := field(c, "sub", &s); err != nil {
		return "", err
	} else if ok {
		at.SetIdentity(s)
	}
	if ok, err := field(c, "name", &s); err != nil {
		return "", err
	} else if ok {
		at.SetName(s)
	}
	if ok, err := field(c, "metadata", &s); err != nil {
		return "", err
	} else if ok {
		at.SetMetadata(s)
	}
	var attrs map[string]string
	if ok, err := field(c, "attributes", &attrs); err != nil {
		return "", err
	} else if ok {
		at.SetAttributes(attrs)
	}
	var video auth.VideoGrant
	if ok, err := field(c, "video", &video); err != nil {
		return "", err
	} else if ok {
		at.SetVideoGrant(&video)
	}
	var sip auth.SIPGrant
	if ok, err := field(c, "sip", &sip); err != nil {
		return "", err
	} else if ok {
		at.SetSIPGrant(&sip)
	}
	var inference auth.InferenceGrant
	if ok, err := field(c, "inference", &inference); err != nil {
		return "", err
	} else if ok {
		at.SetInferenceGrant(&inference)
	}
	var observability auth.ObservabilityGrant
	if ok, err := field(c, "observability", &observability); err != nil {
		return "", err
	} else if ok {
		at.SetObservabilityGrant(&observability)
	}
	if ok, err := field(c, "kind", &s); err != nil {
		return "", err
	} else if ok {
		k, known := livekit.ParticipantInfo_Kind_value[strings.ToUpper(s)]
		if !known {
			return "", fmt.Errorf("claim kind: unknown %q", s)
		}
		at.SetKind(livekit.ParticipantInfo_Kind(k))
	}
	if raw, ok := c["roomConfig"]; ok {
		var rc livekit.RoomConfiguration
		if err := protojson.Unmarshal(raw, &rc); err != nil {
			return "", fmt.Errorf("claim roomConfig: %w", err)
		}
		at.SetRoomConfig(&rc)
	}
	if ok, err := field(c, "roomPreset", &s); err != nil {
		return "", err
	} else if ok {
		at.SetRoomPreset(s)
	}
	if ok, err := field(c, "sha256", &s); err != nil {
		return "", err
	} else if ok {
		at.SetSha256(s)
	}
	return at.ToJWT()
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "lks_interop_go: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 2 {
		fail("usage: lks_interop_go verify|mint < request.json")
	}
	dec := json.NewDecoder(os.Stdin)
	enc := json.NewEncoder(os.Stdout)
	switch os.Args[1] {
	case "verify":
		var req verifyRequest
		if err := dec.Decode(&req); err != nil {
			fail("bad request: %v", err)
		}
		out := make([]verifyResult, 0, len(req.Tokens))
		for _, t := range req.Tokens {
			out = append(out, verifyOne(req.Key, req.Secret, t))
		}
		if err := enc.Encode(out); err != nil {
			fail("%v", err)
		}
	case "mint":
		var req mintRequest
		if err := dec.Decode(&req); err != nil {
			fail("bad request: %v", err)
		}
		out := make([]string, 0, len(req.Cases))
		for i, mc := range req.Cases {
			t, err := mintOne(req.Key, req.Secret, mc)
			if err != nil {
				fail("case %d: %v", i, err)
			}
			out = append(out, t)
		}
		if err := enc.Encode(out); err != nil {
			fail("%v", err)
		}
	default:
		fail("unknown command %q", os.Args[1])
	}
}
