package dev.agentdbg.capture.fakes.com.google.gson.internal;

import java.util.AbstractMap;
import java.util.Set;

/**
 * Shaped like Gson's LinkedTreeMap: entries linked in insertion order from {@code header}, a
 * {@code size} field. Only insertion is implemented (no tree); its Map methods throw, to prove the
 * walker reads it by fields.
 */
public final class LinkedTreeMap<K, V> extends AbstractMap<K, V> {
    Node<K, V> root;
    int size;
    final Node<K, V> header = new Node<>(null);

    public void add(K key, V value) {
        Node<K, V> n = new Node<>(key);
        n.value = value;
        n.prev = header.prev;
        n.next = header;
        header.prev.next = n;
        header.prev = n;
        size++;
    }

    @Override
    public V put(K key, V value) {
        add(key, value);
        return null;
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        throw new AssertionError("application entrySet called");
    }

    @Override
    public int size() {
        throw new AssertionError("application size called");
    }

    static final class Node<K, V> {
        Node<K, V> parent;
        Node<K, V> left;
        Node<K, V> right;
        Node<K, V> next = this;
        Node<K, V> prev = this;
        final K key;
        V value;
        int height;

        Node(K key) {
            this.key = key;
        }
    }
}
