package io.connectionsconsole.handshake;

import java.util.List;

/**
 * What a provider listed, page after page as it pages them; {@code truncated} when there were more pages or items
 * than the console reads ({@link ProviderClient#MAX_PAGES}, {@link ProviderClient#MAX_ITEMS}).
 */
record Listing<T>(List<T> items, boolean truncated) {
}
