package io.sluice.internal.serializer;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * JDK collections and map entries that are not Serializable, typically views such as
 * {@code HashMap.keySet()}, {@code map.values()}, {@code list.subList(..)} or {@code HashMap$Node}.
 * Neither serializer can rebuild them, so both write a detached copy instead: a list becomes an
 * {@link ArrayList}, a set a {@link LinkedHashSet} (iteration order kept), a sorted set a
 * {@link TreeSet} with the same comparator, an entry an immutable {@link AbstractMap.SimpleImmutableEntry}.
 * The reader therefore gets a copy, not a live view of a map.
 */
final class JdkViews {
  enum Kind { NONE, LIST, SET, SORTED_SET, ENTRY }

  private static final ClassValue<Kind> KINDS = new ClassValue<>() {
    @Override
    protected Kind computeValue(Class<?> type) {
      return computeKind(type);
    }
  };

  private JdkViews() {}

  static Kind kindOf(Class<?> type) {
    return KINDS.get(type);
  }

  static boolean isView(Class<?> type) {
    return kindOf(type) != Kind.NONE;
  }

  /** A Serializable copy of {@code view}; {@code view} itself when it is not a view. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object copyOf(Object view) {
    switch (kindOf(view.getClass())) {
      case LIST:
        return new ArrayList<>((Collection<?>) view);
      case SET:
        return new LinkedHashSet<>((Collection<?>) view);
      case SORTED_SET:
        TreeSet copy = new TreeSet(((SortedSet) view).comparator());
        copy.addAll((Collection<?>) view);
        return copy;
      case ENTRY:
        return new AbstractMap.SimpleImmutableEntry<>((Map.Entry<?, ?>) view);
      default:
        return view;
    }
  }

  private static Kind computeKind(Class<?> type) {
    if (!JdkTypes.isPlatformClass(type) || Serializable.class.isAssignableFrom(type)
        || type.isInterface() || type.isArray()) {
      return Kind.NONE;
    }
    if (SortedSet.class.isAssignableFrom(type)) {
      return Kind.SORTED_SET;
    }
    if (Set.class.isAssignableFrom(type)) {
      return Kind.SET;
    }
    if (Collection.class.isAssignableFrom(type)) {
      return Kind.LIST;
    }
    return Map.Entry.class.isAssignableFrom(type) ? Kind.ENTRY : Kind.NONE;
  }
}
