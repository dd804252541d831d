/* A buffer core shared by drivers: each device gives its own move callback. */
#include <drm/drm_gem.h>

struct core_bo;

struct core_device_funcs {
	int (*move)(struct core_bo *bo, int where);
};

struct core_device {
	const struct core_device_funcs *funcs;
};

struct core_bo {
	struct drm_gem_object base;
	struct core_device *bdev;
	int where;
};

int core_bo_validate(struct core_bo *bo, int where);
