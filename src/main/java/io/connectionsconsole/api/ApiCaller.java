package io.connectionsconsole.api;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.region.Region;

/** Who signed an API request, and the Region of its credential scope, which the request acts in. */
record ApiCaller(Caller caller, Region region) {
}
