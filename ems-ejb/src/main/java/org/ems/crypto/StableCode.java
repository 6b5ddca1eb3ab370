package org.ems.crypto;

/**
 * An enum whose constants carry a stable code for canonical encodings: the code, never the
 * ordinal, is what is written, so constants can be added or reordered without changing any
 * stored or signed bytes.
 */
public interface StableCode {

    int code();

    /** The constant with this code; an unknown code is malformed input, never a default. */
    static <E extends Enum<E> & StableCode> E ofCode(Class<E> type, int code, String what) {
        for (E constant : type.getEnumConstants()) {
            if (constant.code() == code) {
                return constant;
            }
        }
        throw new MalformedEncodingException("unknown " + what + " " + code);
    }
}
