package dev.secodasync.extract;

/** The warehouse's catalog cannot be uploaded as it is; the message names the objects. */
public class InvalidCatalogException extends RuntimeException {

    public InvalidCatalogException(String message) {
        super(message);
    }
}
