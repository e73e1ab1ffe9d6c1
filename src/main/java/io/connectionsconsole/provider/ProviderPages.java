package io.connectionsconsole.provider;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.connectionsconsole.web.PageAdmission;

/**
 * The pages that call a provider while they are served (the handshake's callback, a connection's repositories), which
 * may take as long as its read timeout: they don't take turns with the console's other pages.
 */
@Configuration(proxyBeanMethods = false)
class ProviderPages {

	@Bean
	PageAdmission.LeftOut pagesThatCallAProvider() {
		return new PageAdmission.LeftOut(
				List.of(Providers.CALLBACK_PATH + "/{registrationId}", RepositoriesController.URL));
	}

}
