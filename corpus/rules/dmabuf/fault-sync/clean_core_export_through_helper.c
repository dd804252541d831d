/*
 * A driver's export callback leaves its own ops on the buffer through a helper: its mmap sees
 * only its own objects, whose fault handler does not wait. Another kind of object, whose fault
 * handler waits, is never exported with those ops.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_gem.h>

struct core_bo {
	struct drm_gem_object base;
	struct completion *idle;
	struct page **pages;
	unsigned long count;
};

static vm_fault_t own_fault(struct vm_fault *vmf)
{
	struct core_bo *bo = vmf->vma->vm_private_data;

	if (vmf->pgoff >= bo->count)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, bo->pages[vmf->pgoff]);
}

static const struct vm_operations_struct own_vm_ops = {
	.fault = own_fault,
};

static int own_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct drm_gem_object *obj = buf->priv;

	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = obj;
	vma->vm_ops = obj->funcs->vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static const struct dma_buf_ops own_ops = {
	.mmap = own_mmap,
};

static struct dma_buf *own_make_buffer(struct drm_gem_object *obj, int flags)
{
	struct dma_buf_export_info exp_info = {
		.ops = &own_ops,
		.size = obj->size,
		.flags = flags,
		.priv = obj,
	};

	return dma_buf_export(&exp_info);
}

static struct dma_buf *own_export(struct drm_gem_object *obj, int flags)
{
	return own_make_buffer(obj, flags);
}

static const struct drm_gem_object_funcs own_funcs = {
	.export = own_export,
	.vm_ops = &own_vm_ops,
};

/* Objects that are never exported with own_ops. */

static vm_fault_t busy_fault(struct vm_fault *vmf)
{
	struct core_bo *bo = vmf->vma->vm_private_data;

	wait_for_completion(bo->idle);
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct busy_vm_ops = {
	.fault = busy_fault,
};

static void busy_free(struct drm_gem_object *obj)
{
}

static struct dma_buf *busy_export(struct drm_gem_object *obj, int flags)
{
	return NULL;
}

static const struct drm_gem_object_funcs busy_funcs = {
	.free = busy_free,
	.export = busy_export,
	.vm_ops = &busy_vm_ops,
};
