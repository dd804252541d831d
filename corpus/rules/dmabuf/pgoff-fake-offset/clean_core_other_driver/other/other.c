/* Another driver's objects, mapped only through its own device file (the fake offset is there). */
#include <linux/mm.h>
#include <drm/drm_gem.h>

static int other_gem_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	vma->vm_pgoff -= drm_vma_node_start(&obj->vma_node);
	vma_set_file(vma, obj->filp);
	return 0;
}

static const struct drm_gem_object_funcs other_gem_funcs = {
	.mmap = other_gem_mmap,
};
