/* A driver whose drm_driver gets its GEM callbacks only from the helper's macro. */
#include "core_gem.h"

static const struct drm_driver core_driver = {
	CORE_GEM_DRIVER_OPS,
	.name = "core",
};
