package io.connectionsconsole.handshake;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.connectionsconsole.web.PageAdmission;

/**
 * The GitHub App mode's pages that ask GitHub for the user's installations while they are served: like the other
 * pages that call a provider, they don't take turns with the console's other pages.
 */
@Configuration(proxyBeanMethods = false)
class HandshakePages {

	@Bean
	PageAdmission.LeftOut pagesThatAskGitHub() {
		return new PageAdmission.LeftOut(List.of(HandshakeController.INSTALLATION_URL, HandshakeController.SETUP_URL));
	}

}
