"""schemathesis hooks of tests/contract: a check that no response carries a secret."""
import json
import os

import schemathesis

SECRETS = json.loads(os.environ.get("LKS_CONTRACT_SECRETS", "[]"))


@schemathesis.check
def no_secret(ctx, response, case):
    body = response.content or b""
    headers = " ".join(f"{k}: {v}" for k, v in response.headers.items())
    for secret in SECRETS:
        if secret.encode() in body or secret in headers:
            raise AssertionError("a response contains a secret")
    return None
