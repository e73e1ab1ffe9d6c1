#!/usr/bin/env python3
"""Writes a wrk Lua script that replays one SigV4-signed App Runner ListConnections request.

A SigV4 signature stays valid for 15 minutes, so one signed request can be replayed for a whole run.
Usage: sign.py HOST:PORT REGION ACCESS_KEY_ID SECRET_ACCESS_KEY OUT.lua
"""
import datetime
import hashlib
import hmac
import sys

host, region, key_id, secret, out = sys.argv[1:6]
body = '{"MaxResults":20}'
target = 'AppRunner.ListConnections'
content_type = 'application/x-amz-json-1.0'
now = datetime.datetime.now(datetime.timezone.utc)
amz_date = now.strftime('%Y%m%dT%H%M%SZ')
day = now.strftime('%Y%m%d')
scope = f'{day}/{region}/apprunner/aws4_request'
signed_headers = 'content-type;host;x-amz-date;x-amz-target'
canonical = '\n'.join([
    'POST', '/', '',
    f'content-type:{content_type}', f'host:{host}', f'x-amz-date:{amz_date}', f'x-amz-target:{target}', '',
    signed_headers, hashlib.sha256(body.encode()).hexdigest()])
to_sign = '\n'.join(['AWS4-HMAC-SHA256', amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])


def mac(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


k = mac(mac(mac(mac(('AWS4' + secret).encode(), day), region), 'apprunner'), 'aws4_request')
signature = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
authorization = (f'AWS4-HMAC-SHA256 Credential={key_id}/{scope}, SignedHeaders={signed_headers}, '
                 f'Signature={signature}')
with open(out, 'w') as f:
    f.write(f'''wrk.method = "POST"
wrk.body = '{body}'
wrk.headers["Content-Type"] = "{content_type}"
wrk.headers["X-Amz-Target"] = "{target}"
wrk.headers["X-Amz-Date"] = "{amz_date}"
wrk.headers["Authorization"] = "{authorization}"
''')
