package io.connectionsconsole.link;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.connectionsconsole.web.PageAdmission;

/** Git's requests call a provider and stream packs: they don't take turns with the console's pages. */
@Configuration(proxyBeanMethods = false)
class GitHttpConfiguration {

	@Bean
	PageAdmission.LeftOut gitRequests() {
		return new PageAdmission.LeftOut(List.of(RepositoryLink.GIT_HTTP + "/**"));
	}

}
