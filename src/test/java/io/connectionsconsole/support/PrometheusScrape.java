package io.connectionsconsole.support;

import java.util.HashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.connectionsconsole.account.ConsoleUser;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What {@code /actuator/prometheus} says, as an administrator reads it: each series by its name and labels as the
 * exposition format writes them, such as {@code console_checks_total{outcome="OK",provider="github",trigger="user"}}
 * (labels in name order). Tests share a context, so they compare two scrapes rather than read totals.
 */
public final class PrometheusScrape {

	private final Map<String, Double> series;

	private PrometheusScrape(Map<String, Double> series) {
		this.series = series;
	}

	public static PrometheusScrape of(MockMvc mvc, ConsoleUser admin) throws Exception {
		String text = mvc.perform(get("/actuator/prometheus").accept(MediaType.TEXT_PLAIN).with(user(admin)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Map<String, Double> series = new HashMap<>();
		text.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).forEach((line) -> {
			int space = line.lastIndexOf(' ');
			series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
		});
		return new PrometheusScrape(series);
	}

	/** The series' value, 0 when it isn't there (yet). */
	public double value(String series) {
		return this.series.getOrDefault(series, 0.0);
	}

	/** How much the series grew since {@code before}. */
	public double since(PrometheusScrape before, String series) {
		return value(series) - before.value(series);
	}

}
