package dev.secodasync.job;

import com.zaxxer.hikari.HikariDataSource;
import dev.secodasync.config.InvalidConfigurationException;
import dev.secodasync.config.RunOptions;
import dev.secodasync.config.SecodaProperties;
import dev.secodasync.config.SyncProperties;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.WarehouseExtractors;
import dev.secodasync.extract.h2.H2Extractor;
import dev.secodasync.extract.jdbc.JdbcExtractor;
import dev.secodasync.extract.mysql.MysqlExtractor;
import dev.secodasync.extract.postgres.PostgresExtractor;
import dev.secodasync.extract.snowflake.SnowflakeExtractor;
import dev.secodasync.secoda.JsonlPartNames;
import dev.secodasync.secoda.SecodaClient;
import dev.secodasync.secoda.SecodaRetry;
import dev.secodasync.sql.SqlFiles;
import dev.secodasync.state.IntegrationStateStore;
import dev.secodasync.state.UploadStateStore;
import dev.secodasync.state.WarehouseLocks;
import dev.secodasync.support.SecretMasker;
import java.util.List;
import javax.sql.DataSource;
import okhttp3.HttpUrl;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the job: one flow per selected warehouse (extract, then upload), the flows side by side
 * in a split so that one warehouse failing never stops the others.
 */
@Configuration(proxyBeanMethods = false)
public class SyncJobConfiguration {

    /** Name of the job in the job repository. */
    public static final String JOB_NAME = "secoda-sync";

    // The steps' own work is not transactional (files, HTTP, a warehouse cursor); a state-store
    // write must commit at once, not when a long extraction ends. The job repository keeps its
    // own transactions.
    private static final PlatformTransactionManager NO_TRANSACTION = new ResourcelessTransactionManager();

    @Bean
    SecretMasker secretMasker(SecodaProperties secoda, SyncProperties sync) {
        return new SecretMasker(secoda.secretsWith(sync));
    }

    @Bean
    WarehouseExtractors warehouseExtractors(SyncProperties sync, SqlFiles sql) {
        return new WarehouseExtractors(List.of(
                new PostgresExtractor(sql),
                new H2Extractor(sql, sync.fetchSize()),
                new MysqlExtractor(sql, sync.fetchSize()),
                new SnowflakeExtractor(sql, sync.fetchSize()),
                new JdbcExtractor()));
    }

    @Bean
    IntegrationStateStore integrationStateStore(DataSource dataSource, SqlFiles sql) {
        return new IntegrationStateStore(dataSource, sql);
    }

    @Bean
    UploadStateStore uploadStateStore(DataSource dataSource, SqlFiles sql) {
        return new UploadStateStore(dataSource, sql);
    }

    @Bean
    SecodaClient secodaClient(SecodaProperties secoda) {
        HttpUrl baseUrl = HttpUrl.get(secoda.baseUrl().toString());
        return new SecodaClient(baseUrl, secoda.apiToken(),
                () -> SecodaClient.httpClient(baseUrl)
                        .connectTimeout(secoda.connectTimeout())
                        .readTimeout(secoda.readTimeout())
                        .writeTimeout(secoda.writeTimeout())
                        .callTimeout(secoda.callTimeout())
                        .build(),
                JsonMapper.builder().build(), new SecodaRetry(secoda.retry()));
    }

    @Bean
    IntegrationResolver integrationResolver(SecodaClient client, IntegrationStateStore store, SecodaProperties secoda) {
        return new IntegrationResolver(client, store, new SecodaRetry(secoda.retry()));
    }

    @Bean
    RunInterruption runInterruption(SecodaClient client) {
        return new RunInterruption(client);
    }

    @Bean
    Job secodaSyncJob(JobRepository jobRepository, SyncProperties sync, SecodaProperties secoda, RunOptions options,
            WarehouseExtractors extractors, IntegrationResolver integrations, SecodaClient client,
            SecretMasker masker, UploadStateStore uploads, RunInterruption interruption) {
        requireWarehousesForUpload(sync, secoda, options);
        List<WarehouseProperties> warehouses = options.select(sync.effectiveWarehouses());
        String skipReason = options.dryRun() ? "dry run (--dry-run)"
                : secoda.hasToken() ? null : "no Secoda API token (set SECODA_API_TOKEN)";

        Flow[] flows = warehouses.stream().map(warehouse -> {
            WarehouseStepListener listener = new WarehouseStepListener(warehouse.name(), masker);
            WarehouseFiles files = WarehouseFiles.of(warehouse.format(), sync.stateDir());
            ExtractTasklet extractTasklet = new ExtractTasklet(warehouse, extractors.forKind(warehouse.kind()), files,
                    sync.invalidRows(), sync.dottedNames(), sync.progressInterval());
            interruption.register(extractTasklet);
            Step extract = new StepBuilder(WarehouseSteps.extract(warehouse.name()), jobRepository)
                    .tasklet(new SecretMaskingTasklet(extractTasklet, masker), NO_TRANSACTION)
                    .listener(listener)
                    .build();
            Step upload = new StepBuilder(WarehouseSteps.upload(warehouse.name()), jobRepository)
                    .tasklet(new SecretMaskingTasklet(new UploadTasklet(warehouse, files, integrations, client,
                            jobRepository, skipReason, uploads, new UploadGuards(sync.guards(), options.force()),
                            sync.progressInterval(), new JsonlPartNames(secoda.jsonlParts().resources(),
                                    secoda.jsonlParts().lineage()), options.force()), masker),
                            NO_TRANSACTION)
                    .listener(listener)
                    .build();
            return new FlowBuilder<SimpleFlow>("warehouse:" + warehouse.name()).start(extract).next(upload).build();
        }).toArray(Flow[]::new);

        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("warehouse-");
        executor.setConcurrencyLimit(sync.maxParallelWarehouses());
        Flow all = new FlowBuilder<SimpleFlow>("warehouses").split(executor).add(flows).build();
        return new JobBuilder(JOB_NAME, jobRepository).start(all).end().build();
    }

    // The demo is for trying the job out: a token with no warehouse is far more often a misspelt or
    // emptied sync.warehouses than a wish to put the demo into a real workspace.
    private static void requireWarehousesForUpload(SyncProperties sync, SecodaProperties secoda, RunOptions options) {
        if (sync.warehouses().isEmpty() && secoda.hasToken() && !options.dryRun() && !options.check()
                && !sync.uploadDemo()) {
            throw new InvalidConfigurationException("no warehouse is configured (sync.warehouses is empty) but a Secoda"
                    + " API token is set: configure sync.warehouses[0].* (check the key's spelling), or set"
                    + " sync.upload-demo=true to upload the built-in demo warehouse");
        }
    }

    // The pool's own DataSource (see JobRepositoryDataSourceConfiguration), else the pool itself.
    private static DataSource unpooled(DataSource dataSource) {
        return dataSource instanceof HikariDataSource hikari && hikari.getDataSource() != null
                ? hikari.getDataSource() : dataSource;
    }

    @Bean
    SyncRunner syncRunner(JobOperator jobOperator, Job secodaSyncJob, JobRepository jobRepository,
            DataSource dataSource, SyncProperties sync, RunOptions options, RunFinisher finisher, SqlFiles sql,
            RunInterruption interruption, RunMetrics metrics) {
        List<String> names = options.select(sync.effectiveWarehouses()).stream().map(WarehouseProperties::name).toList();
        return new SyncRunner(jobOperator, secodaSyncJob, names, jobRepository,
                WarehouseLocks.forRepository(dataSource, unpooled(dataSource), sync.stateDir(), sql), options, finisher,
                sync.restartMaxAge(), interruption, metrics);
    }
}
