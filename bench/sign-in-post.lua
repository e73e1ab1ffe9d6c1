-- wrk: posts to the sign-in form without a CSRF token, each body read whole and then refused (403).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "username=nobody-at-all&password=not-the-password"
