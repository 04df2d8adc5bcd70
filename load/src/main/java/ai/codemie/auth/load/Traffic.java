package ai.codemie.auth.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A closed loop of workers against one service: each sends the next request its source gives, waits for the answer
 * (at most {@link #REQUEST_TIMEOUT}) and records it in the current phase's {@link Stats}.
 */
final class Traffic implements AutoCloseable {

    /** One request: its kind names it in the tables. A null token sends none, a null body none. */
    record Request(String kind, String method, String path, String token, String body) {

        static Request get(String kind, String path, String token) {
            return new Request(kind, "GET", path, token, null);
        }
    }

    /** Far above every deadline of the service: a request that takes this long is a hang. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final List<Thread> workers = new ArrayList<>();
    private volatile Stats phase = new Stats();
    private volatile boolean running = true;

    Traffic(int port, int workerCount, Supplier<Request> source) {
        this.base = URI.create("http://127.0.0.1:" + port);
        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(() -> {
                while (running) {
                    Request request = source.get();
                    long start = System.nanoTime();
                    Answer answer = send(request);
                    phase.record(request.kind(), answer.status(), answer.retryAfter(),
                            (System.nanoTime() - start) / 1000, answer.body());
                }
            }, "traffic-" + i);
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
    }

    /** Starts a new phase; answers arriving from now on count there. Returns the phase that ended. */
    Stats nextPhase() {
        Stats ended = phase;
        phase = new Stats();
        ended.end();
        return ended;
    }

    /** The phase under way. */
    Stats currentPhase() {
        return phase;
    }

    /** The status and whether a Retry-After came with it; status 0 when no answer came. */
    record Answer(int status, boolean retryAfter, String body) {
    }

    /** Sends one request outside the loop (setup, checks). */
    Answer send(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(request.path())).timeout(REQUEST_TIMEOUT)
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        if (request.token() != null) {
            builder.header("Authorization", "Bearer " + request.token());
        }
        if (request.body() != null) {
            builder.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").isPresent(),
                    response.body());
        } catch (IOException e) {
            return new Answer(0, false, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, false, e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(REQUEST_TIMEOUT.toMillis() + 5_000);
        }
    }
}
