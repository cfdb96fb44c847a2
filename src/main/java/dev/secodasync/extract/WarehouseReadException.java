package dev.secodasync.extract;

/** The warehouse's catalog could not be read; the message names the warehouse and the cause in one line. */
public class WarehouseReadException extends RuntimeException {

    public WarehouseReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
