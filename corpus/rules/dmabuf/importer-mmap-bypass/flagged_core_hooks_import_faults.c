/* A GEM driver that hooks the faults of an imported dma-buf's mapping instead of forwarding it. */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_gem.h>

static vm_fault_t core_import_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct core_import_vm_ops = {
	.fault = core_import_fault,
};

static int core_gem_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	if (obj->import_attach) { /* expect[current]: dmabuf/importer-mmap-bypass warning "(or hooks their faults)" */ /* expect[2012]: dmabuf/importer-mmap-bypass error "(or hooks their faults)" */
		vma->vm_ops = &core_import_vm_ops; /* expect: dmabuf/fault-interception */
		return 0;
	}
	return -EINVAL;
}

static const struct drm_gem_object_funcs core_gem_funcs = {
	.mmap = core_gem_mmap,
};

/* The driver's PRIME export forwards dma-buf mmap to the GEM object's own mmap. */
static int core_prime_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct drm_gem_object *obj = buf->priv;

	return obj->funcs->mmap(obj, vma);
}

static const struct dma_buf_ops core_prime_ops = {
	.mmap = core_prime_mmap,
};
