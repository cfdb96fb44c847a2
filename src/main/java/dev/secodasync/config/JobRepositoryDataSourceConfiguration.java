package dev.secodasync.config;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job-repository connection pool, from the standard {@code spring.datasource.*} and
 * {@code spring.datasource.hikari.*} keys, as Spring Boot would build it, except that the pool
 * gets its connections from the database's own {@link DataSource} class instead of
 * {@code java.sql.DriverManager}: the first use of DriverManager loads and initialises every JDBC
 * driver in the jar, and the Snowflake driver's start-up alone added about 0.4 s to every run,
 * Snowflake or not.
 */
@Configuration(proxyBeanMethods = false)
public class JobRepositoryDataSourceConfiguration {

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
        String url = h2RelativePath(properties.determineUrl());
        HikariDataSource pool;
        if (url != null && url.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            pool = new HikariDataSource();
            pool.setDataSource(h2);
        } else if (url != null && url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setURL(url);
            pool = new HikariDataSource();
            pool.setDataSource(postgres);
        } else {
            return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        }
        // Hikari hands these to DataSource.getConnection(user, password).
        pool.setUsername(properties.determineUsername());
        pool.setPassword(properties.determinePassword());
        return pool;
    }

    // H2 refuses a file path that is only implicitly relative ("state/job-repository"): a relative
    // sync.state-dir without "./" must work as it does everywhere else.
    static String h2RelativePath(String url) {
        String prefix = "jdbc:h2:file:";
        if (url == null || !url.startsWith(prefix)) {
            return url;
        }
        String path = url.substring(prefix.length());
        boolean explicit = path.startsWith("/") || path.startsWith("./") || path.startsWith("../")
                || path.startsWith("~") || path.matches("^[A-Za-z]:.*");
        return explicit ? url : prefix + "./" + path;
    }
}
