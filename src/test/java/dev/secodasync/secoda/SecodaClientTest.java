package dev.secodasync.secoda;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class SecodaClientTest {

    @Test
    void anHttpsSecodaGetsTlsAndALoopbackHttpOneSkipsIt() {
        // when
        OkHttpClient secodaCloud = SecodaClient.httpClient(HttpUrl.get("https://api.secoda.co/")).build();
        OkHttpClient sidecar = SecodaClient.httpClient(HttpUrl.get("http://127.0.0.1:15001/")).build();

        // then
        assertThat(secodaCloud.connectionSpecs()).anyMatch(ConnectionSpec::isTls);
        assertThat(secodaCloud.sslSocketFactory()).isNotNull();
        assertThat(sidecar.connectionSpecs()).containsExactly(ConnectionSpec.CLEARTEXT);
        assertThat(secodaCloud.followRedirects()).isFalse();
        assertThat(secodaCloud.retryOnConnectionFailure()).isFalse();
    }
}
