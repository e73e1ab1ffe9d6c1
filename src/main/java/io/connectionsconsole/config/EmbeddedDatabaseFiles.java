package io.connectionsconsole.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The embedded H2 database's files (a {@code jdbc:h2:file:} URL) are the console's user's alone: they hold the users'
 * password hashes and the encrypted tokens. H2 creates its files with the process's default permissions, so they are
 * created here first, empty and owner-only, before the data source opens them; H2 takes an empty file as a new
 * database.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedDatabaseFiles {

	private static final String H2_FILE_URL = "jdbc:h2:file:";

	/** The database itself, and the trace file where H2 writes its errors (with the SQL that failed). */
	private static final String[] SUFFIXES = { ".mv.db", ".trace.db" };

	@Bean
	static BeanPostProcessor ownerOnlyEmbeddedDatabaseFiles(Environment environment) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof DataSource) {
					createFiles(environment.getProperty("spring.datasource.url", ""));
				}
				return bean;
			}

		};
	}

	private static void createFiles(String url) {
		if (!url.startsWith(H2_FILE_URL)) {
			return;
		}
		String name = url.substring(H2_FILE_URL.length()).split(";", 2)[0];
		if (name.startsWith("~")) {
			// as H2 reads it: the user's home directory
			name = System.getProperty("user.home") + name.substring(1);
		}
		for (String suffix : SUFFIXES) {
			Path file = Path.of(name + suffix);
			try {
				OwnerOnlyFiles.createIfMissing(file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot create the embedded database file " + file, ex);
			}
		}
	}

}
