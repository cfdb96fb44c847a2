package dev.secodasync.config;

/** Configuration or command line that cannot work; detected before any connection is made. */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String message) {
        super(message);
    }
}
