package io.connectionsconsole.region;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.error.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionCatalogueTest {

	private final RegionCatalogue catalogue = new RegionCatalogue(
			new Binder(new MapConfigurationPropertySource()).bindOrCreate("console", ConsoleProperties.class));

	@Test
	void theDefaultCatalogueIsAppRunnersElevenRegionsWithUsEast1AsDefault() {
		assertThat(catalogue.all()).hasSize(11);
		assertThat(catalogue.defaultRegion()).isEqualTo(new Region("us-east-1", "US East (N. Virginia)"));
		assertThat(catalogue.require("eu-west-3").displayName()).isEqualTo("Europe (Paris)");
	}

	@Test
	void anUnknownRegionIsRefusedByName() {
		assertThatThrownBy(() -> catalogue.require("mars-north-1")).isInstanceOf(InvalidInputException.class)
			.hasMessage("Region 'mars-north-1' is not one of this console's regions.");
	}

}
