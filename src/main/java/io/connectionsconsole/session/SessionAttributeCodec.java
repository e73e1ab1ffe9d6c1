package io.connectionsconsole.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;

/**
 * The {@code attributes} column of a session: a count, then each attribute's name and its own Java serialization
 * (as Spring Session's stores serialize, with the application's class loader). Serialized one by one, a change
 * merges with the stored attributes by name without reading the other attributes' objects.
 */
final class SessionAttributeCodec {

	private final SerializingConverter serializer = new SerializingConverter();

	private final DeserializingConverter deserializer;

	SessionAttributeCodec(ClassLoader classLoader) {
		this.deserializer = new DeserializingConverter(classLoader);
	}

	byte[] serialize(Object value) {
		return serializer.convert(value);
	}

	/**
	 * Every attribute's object.
	 * @throws org.springframework.core.serializer.support.SerializationFailedException when one can't be read,
	 * such as an object of a class this version of the console no longer has
	 */
	Map<String, Object> read(byte[] column) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		split(column).forEach((name, bytes) -> attributes.put(name, deserializer.convert(bytes)));
		return attributes;
	}

	/** Every attribute's serialized bytes, by name. */
	Map<String, byte[]> split(byte[] column) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(column))) {
			int count = in.readInt();
			Map<String, byte[]> attributes = new LinkedHashMap<>();
			for (int i = 0; i < count; i++) {
				String name = in.readUTF();
				byte[] bytes = new byte[in.readInt()];
				in.readFully(bytes);
				attributes.put(name, bytes);
			}
			return attributes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Unreadable session attributes", ex);
		}
	}

	byte[] join(Map<String, byte[]> attributes) {
		ByteArrayOutputStream column = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(column)) {
			out.writeInt(attributes.size());
			for (Map.Entry<String, byte[]> attribute : attributes.entrySet()) {
				out.writeUTF(attribute.getKey());
				out.writeInt(attribute.getValue().length);
				out.write(attribute.getValue());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return column.toByteArray();
	}

}
