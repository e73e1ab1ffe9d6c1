package io.connectionsconsole.sso;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.connectionsconsole.web.PageAdmission;

/**
 * An identity provider's answer to a sign-in, whose page asks the provider's token endpoint (and its user-info endpoint)
 * while it is served: like the other pages that call a provider, it doesn't take turns with the console's other pages.
 */
@Configuration(proxyBeanMethods = false)
class SignInPages {

	@Bean
	PageAdmission.LeftOut identityProviderAnswers() {
		return new PageAdmission.LeftOut(List.of(SealedAuthorizationRequests.CALLBACK_PATH + "{registrationId}"));
	}

}
