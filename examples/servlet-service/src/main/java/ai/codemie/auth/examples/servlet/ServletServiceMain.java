package ai.codemie.auth.examples.servlet;

/** Runs the reference service, configured by the environment (the library's settings plus {@code PORT}). */
public final class ServletServiceMain {

    private ServletServiceMain() {
    }

    public static void main(String[] args) throws Exception {
        ServletService service = ServletService.start(System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "shutdown"));
        service.join();
    }
}
