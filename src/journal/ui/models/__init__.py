"""Item models (QAbstractItemModel subclasses) over the core's queries; they fetch lazily."""
